import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadMasterKey } from './secret-box.js';

describe(createSecretBox.name, () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('round-trips a secret and never stores the plaintext', () => {
    const sealed = box.encrypt('sk-upstream-secret');
    expect(sealed).not.toContain('sk-upstream-secret');
    expect(box.decrypt(sealed)).toBe('sk-upstream-secret');
  });

  it('uses a fresh nonce for every encryption', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('rejects a tampered ciphertext', () => {
    const [version, iv, body, tag] = box.encrypt('value').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.decrypt([version, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
  });

  it('cannot decrypt with another master key', () => {
    const other = createSecretBox(Buffer.alloc(32, 8));
    expect(() => other.decrypt(box.encrypt('value'))).toThrow();
  });
});

describe(loadMasterKey.name, () => {
  it('generates the key once into the data dir with mode 0600 and reuses it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-key-'));
    const first = loadMasterKey({ configuredKey: undefined, dataDir });
    const second = loadMasterKey({ configuredKey: undefined, dataDir });
    expect(first.equals(second)).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('prefers the configured key', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-key-'));
    const key = loadMasterKey({ configuredKey: 'ab'.repeat(32), dataDir });
    expect(key.toString('hex')).toBe('ab'.repeat(32));
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
  });
});
