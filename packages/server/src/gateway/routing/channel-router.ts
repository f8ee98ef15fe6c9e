import type { ChannelDirectory, RoutableChannel } from '../channels/channel-directory.js';
import { modelNotFound } from '../gateway-errors.js';
import { resolveUpstreamAdapter } from '../upstream/resolve-upstream-adapter.js';
import type { ChannelHealth } from './channel-health.js';
import { pickWeightedChannel } from './pick-weighted-channel.js';

export type RouteCapability = 'generate' | 'embeddings';

export type ChannelPick = { channel: RoutableChannel } | { channel: undefined; coolingRemainingMs: number };

/**
 * Model → the abilities of the key's group → the highest-priority tier that still has a usable
 * channel → weighted random inside it. "Usable" = not cooling for this model and not yet tried by
 * this request, so a retry never lands on the same channel twice.
 */
export function createChannelRouter(deps: {
  directory: ChannelDirectory;
  health: ChannelHealth;
  random: () => number;
}) {
  let roundRobinIndex = 0;

  return {
    /** Every enabled channel in the group that serves the model; 404 model_not_found when none. */
    async listCandidates(options: {
      model: string;
      group: string;
      capability: RouteCapability;
    }): Promise<RoutableChannel[]> {
      const channels = await deps.directory.listEnabled();
      const candidates = channels.filter(
        (channel) =>
          channel.groups.has(options.group) &&
          (channel.models.has(options.model) || Object.hasOwn(channel.modelMapping, options.model)) &&
          (options.capability !== 'embeddings' || resolveUpstreamAdapter(channel).isEmbeddingsSupported),
      );
      if (candidates.length === 0) throw modelNotFound(options.model);
      return candidates;
    },

    pickNext(
      candidates: readonly RoutableChannel[],
      options: { model: string; triedChannelIds: ReadonlySet<string> },
    ): ChannelPick {
      const untried = candidates.filter((channel) => !options.triedChannelIds.has(channel.id));
      let coolingRemainingMs = Number.POSITIVE_INFINITY;
      const priorities = [...new Set(untried.map((channel) => channel.priority))].sort(
        (left, right) => right - left,
      );
      for (const priority of priorities) {
        const usable = untried.filter((channel) => {
          if (channel.priority !== priority) return false;
          const remainingMs = deps.health.coolingRemainingMs(channel.id, options.model);
          if (remainingMs > 0) coolingRemainingMs = Math.min(coolingRemainingMs, remainingMs);
          return remainingMs === 0;
        });
        const channel = pickWeightedChannel(usable, { random: deps.random, roundRobinIndex });
        if (channel) {
          roundRobinIndex += 1;
          return { channel };
        }
      }
      return {
        channel: undefined,
        coolingRemainingMs: Number.isFinite(coolingRemainingMs) ? coolingRemainingMs : 0,
      };
    },
  };
}
export type ChannelRouter = ReturnType<typeof createChannelRouter>;

/** The upstream name of a requested model on one channel. */
export function resolveUpstreamModel(channel: RoutableChannel, model: string): string {
  return channel.modelMapping[model] ?? model;
}
