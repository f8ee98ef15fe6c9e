import type { MachineCreate } from './fleet-api.js';
import { parseKeyValueLines } from './key-value-lines.js';

export interface MachineFormValues {
  name: string;
  hostname: string;
  ip: string;
  domain: string;
  region: string;
  labelLines: string;
  hasSsh: boolean;
  sshHost: string;
  sshPort: number | '';
  sshUser: string;
  sshAuth: 'key' | 'password';
  sshPrivateKey: string;
  sshPassword: string;
}

export type MachineFormProblem =
  | 'nameRequired'
  | 'addressRequired'
  | 'labelsInvalid'
  | 'sshUserRequired'
  | 'sshSecretRequired';

export const emptyMachineForm: MachineFormValues = {
  name: '',
  hostname: '',
  ip: '',
  domain: '',
  region: '',
  labelLines: '',
  hasSsh: false,
  sshHost: '',
  sshPort: 22,
  sshUser: '',
  sshAuth: 'key',
  sshPrivateKey: '',
  sshPassword: '',
};

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The POST /api/admin/machines body, or the problem per field. Only the chosen SSH secret is sent, so
 * a password typed and then switched away from never leaves the browser. The key is sent verbatim.
 */
export function buildMachineCreateBody(
  values: MachineFormValues,
): { body: MachineCreate } | { problems: Partial<Record<keyof MachineFormValues, MachineFormProblem>> } {
  const problems: Partial<Record<keyof MachineFormValues, MachineFormProblem>> = {};
  if (!values.name.trim()) problems.name = 'nameRequired';
  if (!optional(values.hostname) && !optional(values.ip) && !optional(values.domain))
    problems.hostname = 'addressRequired';
  const labels = parseKeyValueLines(values.labelLines, { allowsCommas: true });
  if (labels.invalidLines.length > 0) problems.labelLines = 'labelsInvalid';
  const secret = values.sshAuth === 'key' ? values.sshPrivateKey : values.sshPassword;
  if (values.hasSsh && !values.sshUser.trim()) problems.sshUser = 'sshUserRequired';
  if (values.hasSsh && !secret.trim()) {
    problems[values.sshAuth === 'key' ? 'sshPrivateKey' : 'sshPassword'] = 'sshSecretRequired';
  }
  if (Object.keys(problems).length > 0) return { problems };
  const body: MachineCreate = {
    name: values.name.trim(),
    hostname: optional(values.hostname),
    ip: optional(values.ip),
    domain: optional(values.domain),
    region: optional(values.region),
  };
  if (Object.keys(labels.values).length > 0) body.labels = labels.values;
  if (values.hasSsh) {
    body.ssh = {
      host: optional(values.sshHost),
      port: values.sshPort === '' ? undefined : values.sshPort,
      user: values.sshUser.trim(),
      ...(values.sshAuth === 'key'
        ? { private_key: values.sshPrivateKey }
        : { password: values.sshPassword }),
    };
  }
  return { body };
}
