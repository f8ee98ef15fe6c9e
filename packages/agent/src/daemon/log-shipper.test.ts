import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentLogChunk } from '@switchyard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualTimers } from '../leases/lease-timers.js';
import { AgentApiError } from './agent-http.js';
import { createLogShipper } from './log-shipper.js';
import { openLogSpool } from './log-spool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempAttemptDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-log-'));
  dirs.push(dir);
  return dir;
}

/** A fake events endpoint that stores chunks like the server: deduped on seq. */
function fakeEventsServer() {
  const stored = new Map<number, AgentLogChunk>();
  const state = { isUp: true, calls: 0, error: null as Error | null };
  return {
    state,
    stored,
    send: async (chunks: AgentLogChunk[]) => {
      state.calls += 1;
      if (state.error) throw state.error;
      if (!state.isUp) throw new TypeError('fetch failed');
      for (const chunk of chunks) if (!stored.has(chunk.seq)) stored.set(chunk.seq, chunk);
      return { acked_seq: Math.max(0, ...stored.keys()), cancel_requested: false };
    },
    text: () =>
      [...stored.values()]
        .sort((a, b) => a.seq - b.seq)
        .map((chunk) => chunk.data)
        .join(''),
  };
}

function setup(attemptDir: string, server: ReturnType<typeof fakeEventsServer>) {
  const manual = createManualTimers();
  const outcomes: string[] = [];
  const shipper = createLogShipper({
    spool: openLogSpool(attemptDir),
    send: server.send,
    timers: manual.timers,
    onCancelRequested: () => outcomes.push('cancel'),
    onStale: () => outcomes.push('stale'),
  });
  return { manual, shipper, outcomes };
}

describe(createLogShipper.name, () => {
  it('flushes a chunk after 1 s and at 64 KiB, numbering chunks from 1', async () => {
    const server = fakeEventsServer();
    const { manual, shipper } = setup(tempAttemptDir(), server);
    shipper.write('stdout', 'hello ', 6);
    await manual.advanceMs(999);
    expect(server.stored.size).toBe(0);
    await manual.advanceMs(1);
    expect([...server.stored.values()]).toEqual([{ seq: 1, stream: 'stdout', data: 'hello ' }]);
    const block = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 4; i++) shipper.write('stdout', block, 6 + (i + 1) * block.length);
    await manual.advanceMs(0);
    expect(server.stored.get(2)?.data.length).toBe(64 * 1024);
  });

  it('starts a new chunk when the stream changes', async () => {
    const server = fakeEventsServer();
    const { shipper } = setup(tempAttemptDir(), server);
    shipper.write('stdout', 'a', 1);
    shipper.write('stderr', 'b', 1);
    shipper.write('stdout', 'c', 2);
    await shipper.drain();
    expect([...server.stored.values()].map((chunk) => `${chunk.seq}${chunk.stream}${chunk.data}`)).toEqual([
      '1stdouta',
      '2stderrb',
      '3stdoutc',
    ]);
  });

  it('spools while the server is down and delivers everything in order once it is back', async () => {
    const server = fakeEventsServer();
    server.state.isUp = false;
    const { manual, shipper } = setup(tempAttemptDir(), server);
    let expected = '';
    for (let i = 0; i < 50; i++) {
      const line = `line ${i}\n`;
      expected += line;
      shipper.write('stdout', line, expected.length);
      await manual.advanceMs(300);
    }
    expect(server.stored.size).toBe(0);
    expect(server.state.calls).toBeGreaterThan(1);
    server.state.isUp = true;
    const drained = shipper.drain();
    await manual.advanceMs(10_000);
    await drained;
    expect(server.text()).toBe(expected);
    expect([...server.stored.keys()]).toEqual([...server.stored.keys()].map((_, index) => index + 1));
  });

  it('replays unacknowledged chunks from the spool after an agent restart', async () => {
    const attemptDir = tempAttemptDir();
    const server = fakeEventsServer();
    const first = setup(attemptDir, server);
    first.shipper.write('stdout', 'one\n', 4);
    await first.shipper.drain();
    server.state.isUp = false;
    first.shipper.write('stdout', 'two\n', 8);
    first.shipper.flush();
    await first.manual.advanceMs(0);
    // The agent dies here; a new process opens the same spool.
    const reopened = openLogSpool(attemptDir);
    expect(reopened.lastSeq).toBe(2);
    expect(reopened.ackedSeq).toBe(1);
    expect(reopened.sourceOffset('stdout')).toBe(8);
    server.state.isUp = true;
    const second = setup(attemptDir, server);
    second.shipper.resume();
    await second.shipper.drain();
    expect(server.text()).toBe('one\ntwo\n');
    second.shipper.write('stdout', 'three\n', 14);
    await second.shipper.drain();
    expect(server.stored.get(3)?.data).toBe('three\n');
  });

  it('drops a torn last spool line left by a kill mid-write', () => {
    const attemptDir = tempAttemptDir();
    const spool = openLogSpool(attemptDir);
    spool.append('stdout', 'whole', 5);
    fs.appendFileSync(path.join(attemptDir, 'log-spool.jsonl'), '{"seq":2,"str');
    const reopened = openLogSpool(attemptDir);
    expect(reopened.lastSeq).toBe(1);
    expect(reopened.append('stdout', 'next', 9)).toBe(2);
    expect(reopened.readUnacked(10).chunks.map((chunk) => chunk.data)).toEqual(['whole', 'next']);
  });

  it('stops on stale_attempt and lets drain finish', async () => {
    const server = fakeEventsServer();
    server.state.error = new AgentApiError(409, 'stale_attempt', 'events: 409');
    const { shipper, outcomes } = setup(tempAttemptDir(), server);
    shipper.write('stdout', 'late', 4);
    await shipper.drain();
    expect(outcomes).toEqual(['stale']);
  });
});
