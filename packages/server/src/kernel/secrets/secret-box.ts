import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const versionTag = 'v1';

/** Encrypts secrets at rest (AES-256-GCM) and derives purpose-bound subkeys from one master key. */
export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** A stable 32-byte key for one purpose (e.g. JWT signing), derived with HMAC-SHA256. */
  deriveKey(purpose: string): Buffer;
  /** A keyed hash for lookups of secrets we never need to read back (API keys, tokens). */
  hashToken(token: string): string;
}

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const encryptionKey = createHmac('sha256', masterKey).update('switchyard:encryption').digest();
  const tokenHashKey = createHmac('sha256', masterKey).update('switchyard:token-hash').digest();
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        versionTag,
        iv.toString('base64url'),
        body.toString('base64url'),
        tag.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== versionTag || !iv || body === undefined || !tag)
        throw new Error('malformed sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    deriveKey(purpose) {
      return createHmac('sha256', masterKey).update(`switchyard:derive:${purpose}`).digest();
    },
    hashToken(token) {
      return createHmac('sha256', tokenHashKey).update(token).digest('base64url');
    },
  };
}

function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
}

/**
 * The master key comes from SWITCHYARD_MASTER_KEY, or is generated once into `<dataDir>/master.key`
 * (mode 0600). Losing that file makes every stored secret unreadable, which the README says.
 */
export function loadMasterKey(options: { configuredKey: string | undefined; dataDir: string }): Buffer {
  if (options.configuredKey) return parseMasterKey(options.configuredKey);
  const keyPath = path.join(options.dataDir, 'master.key');
  fs.mkdirSync(options.dataDir, { recursive: true });
  try {
    return parseMasterKey(fs.readFileSync(keyPath, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const generated = randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(keyPath, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process won the race to create it; use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseMasterKey(fs.readFileSync(keyPath, 'utf8'));
}
