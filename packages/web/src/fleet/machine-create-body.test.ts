import { describe, expect, it } from 'vitest';
import { buildMachineCreateBody, emptyMachineForm } from './machine-create-body.js';

describe(buildMachineCreateBody.name, () => {
  it('builds a machine with labels and leaves empty addresses out', () => {
    expect(
      buildMachineCreateBody({
        ...emptyMachineForm,
        name: ' gpu-01 ',
        ip: '10.0.0.5',
        labelLines: 'gpu=h100, zone=a',
      }),
    ).toEqual({
      body: {
        name: 'gpu-01',
        hostname: undefined,
        ip: '10.0.0.5',
        domain: undefined,
        region: undefined,
        labels: { gpu: 'h100', zone: 'a' },
      },
    });
  });

  it('sends only the chosen SSH secret', () => {
    const values = {
      ...emptyMachineForm,
      name: 'box',
      hostname: 'box.lan',
      hasSsh: true,
      sshUser: 'ops',
      sshPrivateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\n…',
      sshPassword: 'typed-then-abandoned',
    };
    const withKey = buildMachineCreateBody({ ...values, sshAuth: 'key' });
    expect(withKey).toMatchObject({
      body: { ssh: { user: 'ops', port: 22, private_key: values.sshPrivateKey } },
    });
    expect(withKey).not.toHaveProperty('body.ssh.password');
    const withPassword = buildMachineCreateBody({ ...values, sshAuth: 'password' });
    expect(withPassword).toMatchObject({ body: { ssh: { password: 'typed-then-abandoned' } } });
    expect(withPassword).not.toHaveProperty('body.ssh.private_key');
  });

  it('names the missing name, address, SSH user and secret', () => {
    expect(buildMachineCreateBody({ ...emptyMachineForm, hasSsh: true, labelLines: 'oops' })).toEqual({
      problems: {
        name: 'nameRequired',
        hostname: 'addressRequired',
        labelLines: 'labelsInvalid',
        sshUser: 'sshUserRequired',
        sshPrivateKey: 'sshSecretRequired',
      },
    });
  });
});
