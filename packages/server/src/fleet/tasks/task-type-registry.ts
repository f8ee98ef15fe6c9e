import { commandTaskPayloadSchema, dockerTaskPayloadSchema } from '@switchyard/protocol';
import type { ZodType } from 'zod';
import { taskTypeUnknown } from '../fleet-errors.js';

/** A kind of work an agent can do: what its payload looks like and which agent executor runs it. */
export interface TaskTypeDefinition {
  type: string;
  description: string;
  /** Parses the payload (the create body minus the targeting fields, `type` included). */
  payloadSchema: ZodType;
  /** The executor an agent must report in `register` to be offered this type. */
  executor: string;
  leaseTtlS?: number;
  /** Whether users may create it through POST /api/tasks (module-internal types are not). */
  isUserCreatable: boolean;
  /** Types that need an executor few machines have are offered only once some machine reports it. */
  needsReportedExecutor: boolean;
}

export interface TaskTypeRegistry {
  register(definition: TaskTypeDefinition): void;
  require(type: string): TaskTypeDefinition;
  list(): TaskTypeDefinition[];
}

export const builtInTaskTypes: TaskTypeDefinition[] = [
  {
    type: 'command',
    description:
      'Run a command (argv) with env, workdir and timeout in its own process group, optionally sandboxed',
    payloadSchema: commandTaskPayloadSchema,
    executor: 'process',
    isUserCreatable: true,
    needsReportedExecutor: false,
  },
  {
    type: 'docker',
    description: 'Run a container: image, command, env, GPUs, mounts, ports',
    payloadSchema: dockerTaskPayloadSchema,
    executor: 'docker',
    isUserCreatable: true,
    needsReportedExecutor: true,
  },
];

export function createTaskTypeRegistry(initial: TaskTypeDefinition[] = builtInTaskTypes): TaskTypeRegistry {
  const types = new Map(initial.map((definition) => [definition.type, definition]));
  return {
    register(definition) {
      if (types.has(definition.type)) throw new Error(`task type ${definition.type} is already registered`);
      types.set(definition.type, definition);
    },
    require(type) {
      const definition = types.get(type);
      if (!definition) throw taskTypeUnknown(type);
      return definition;
    },
    list: () => [...types.values()],
  };
}
