import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { craftZip } from './__fixtures__/crafted-zip.js';
import { readTestsIntakeLimits, type TestsIntakeLimits } from './tests-intake-limits.js';
import { unpackTestsZip } from './tests-zip-intake.js';

const defaults = readTestsIntakeLimits({});
let workspace: string;
let jobDir: string;

beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'intake-'));
  jobDir = path.join(workspace, 'job', 'input');
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function yazlZip(add: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  add(zip);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

// Deflate blocks of zeros, each sync-flushed so copies concatenate into one valid stream of `megabytes` MiB.
function zeroBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

async function unpack(zip: Buffer, limits: TestsIntakeLimits = defaults) {
  const zipPath = path.join(workspace, 'tests.zip');
  writeFileSync(zipPath, zip);
  return unpackTestsZip({ zipPath, destDir: path.join(jobDir, 'tests'), limits });
}

async function expectRejected(zip: Buffer, code: string, limits: TestsIntakeLimits = defaults) {
  await expect(unpack(zip, limits)).rejects.toMatchObject({ code });
  // Nothing may remain: no destination, no staging directory, nothing written beside the job.
  expect(readdirSync(jobDir)).toEqual([]);
  expect(readdirSync(workspace).sort()).toEqual(['job', 'tests.zip']);
}

describe(unpackTestsZip.name, () => {
  it('unpacks a well-formed archive with nested folders into the destination', async () => {
    const zip = await yazlZip((z) => {
      z.addBuffer(Buffer.from('1 2\n'), 'tests/1.in');
      z.addBuffer(Buffer.from('3\n'), 'tests/1.out');
      z.addEmptyDirectory('tests/extra');
    });
    const result = await unpack(zip);
    expect(result).toEqual({ files: ['tests/1.in', 'tests/1.out'], totalBytes: 6 });
    expect(readFileSync(path.join(jobDir, 'tests', 'tests', '1.in'), 'utf8')).toBe('1 2\n');
    expect(readdirSync(jobDir)).toEqual(['tests']);
  });

  it('rejects zip slip with zip_path_traversal and writes nothing outside', async () => {
    await expectRejected(
      craftZip([{ name: '../../escaped.txt', data: Buffer.from('x') }]),
      'zip_path_traversal',
    );
    expect(existsSync(path.join(workspace, 'escaped.txt'))).toBe(false);
  });

  it('rejects absolute and drive-letter paths with zip_absolute_path', async () => {
    await expectRejected(
      craftZip([{ name: '/tmp/absolute.txt', data: Buffer.from('x') }]),
      'zip_absolute_path',
    );
    await expectRejected(
      craftZip([{ name: 'C:/absolute.txt', data: Buffer.from('x') }]),
      'zip_absolute_path',
    );
    expect(existsSync('/tmp/absolute.txt')).toBe(false);
  });

  it('rejects backslash names with zip_invalid_file_name', async () => {
    await expectRejected(craftZip([{ name: 'a\\b.in', data: Buffer.from('x') }]), 'zip_invalid_file_name');
  });

  it('rejects symlinks with zip_symlink and special files with zip_special_file', async () => {
    const link = await yazlZip((z) => z.addBuffer(Buffer.from('/etc/passwd'), 'link.in', { mode: 0o120777 }));
    await expectRejected(link, 'zip_symlink');
    await expectRejected(
      craftZip([{ name: 'fifo', data: Buffer.alloc(0), unixMode: 0o010644 }]),
      'zip_special_file',
    );
  });

  it('rejects 10k files with zip_too_many_files', async () => {
    const zip = await yazlZip((z) => {
      for (let index = 0; index < 10_000; index++)
        z.addBuffer(Buffer.from('1'), `${index}.in`, { compress: false });
    });
    await expectRejected(zip, 'zip_too_many_files');
  });

  it('rejects a path 50 levels deep with zip_too_deep', async () => {
    const zip = await yazlZip((z) => z.addBuffer(Buffer.from('1'), `${'d/'.repeat(49)}deep.in`));
    await expectRejected(zip, 'zip_too_deep');
  });

  it('stops a 1 GiB-expanding bomb while streaming, by ratio, with zip_bomb', async () => {
    const bomb = zeroBomb(1024);
    const entry = { name: 'bomb.in', data: bomb, method: 8 as const, declaredUncompressedSize: 1 << 30 };
    const generous = {
      ...defaults,
      maxSingleFileBytes: 2 ** 31,
      maxUncompressedBytes: 2 ** 31,
      maxCompressionRatio: 100,
    };
    await expectRejected(craftZip([entry]), 'zip_bomb', generous);
  });

  it('refuses the same bomb up front by its declared size with zip_file_too_large', async () => {
    const entry = {
      name: 'bomb.in',
      data: zeroBomb(1024),
      method: 8 as const,
      declaredUncompressedSize: 1 << 30,
    };
    await expectRejected(craftZip([entry]), 'zip_file_too_large');
  });

  it('catches headers that understate the size with zip_size_mismatch, counting inflated bytes', async () => {
    const entry = { name: 'liar.in', data: zeroBomb(64), method: 8 as const, declaredUncompressedSize: 1000 };
    await expectRejected(craftZip([entry]), 'zip_size_mismatch');
  });

  it('enforces the total uncompressed limit across files with zip_too_large', async () => {
    const zip = await yazlZip((z) => {
      z.addBuffer(Buffer.alloc(600), 'a.in');
      z.addBuffer(Buffer.alloc(600), 'b.in');
    });
    await expectRejected(zip, 'zip_too_large', { ...defaults, maxUncompressedBytes: 1000 });
  });

  it('rejects duplicate entries and garbage that is not a zip', async () => {
    const duplicate = craftZip([
      { name: 'a.in', data: Buffer.from('1') },
      { name: 'a.in', data: Buffer.from('2') },
    ]);
    await expectRejected(duplicate, 'zip_duplicate_entry');
    await expectRejected(Buffer.from('definitely not a zip archive'), 'zip_invalid');
  });
});

describe(readTestsIntakeLimits.name, () => {
  it('reads each SWITCHYARD_TESTS_* variable and rejects malformed values', () => {
    const limits = readTestsIntakeLimits({
      SWITCHYARD_TESTS_MAX_FILES: '10',
      SWITCHYARD_TESTS_MAX_UNCOMPRESSED_BYTES: '2000',
      SWITCHYARD_TESTS_MAX_SINGLE_FILE_BYTES: '1000',
      SWITCHYARD_TESTS_MAX_DEPTH: '3',
    });
    expect(limits).toMatchObject({
      maxFiles: 10,
      maxUncompressedBytes: 2000,
      maxSingleFileBytes: 1000,
      maxDepth: 3,
    });
    expect(() => readTestsIntakeLimits({ SWITCHYARD_TESTS_MAX_FILES: 'many' })).toThrow();
  });
});
