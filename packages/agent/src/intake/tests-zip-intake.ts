import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { TestsIntakeError } from './tests-intake-error.js';
import type { TestsIntakeLimits } from './tests-intake-limits.js';

export type TestsZipResult = { files: string[]; totalBytes: number };

const bombFloorBytes = 1 << 20;
const unixFileType = 0o170000;
const unixRegular = 0o100000;
const unixDirectory = 0o040000;
const unixSymlink = 0o120000;

/**
 * Unpacks tests.zip into a private temporary directory beside `destDir`, validates every entry while
 * streaming (names, types, counts, depth, sizes counted from the bytes actually inflated, never from the
 * headers), then renames the result into place. Any rejection throws TestsIntakeError and removes the
 * temporary directory, so nothing is left behind.
 */
export async function unpackTestsZip(options: {
  zipPath: string;
  destDir: string;
  limits: TestsIntakeLimits;
}): Promise<TestsZipResult> {
  if (await stat(options.destDir).catch(() => null)) {
    throw new TestsIntakeError('tests_destination_exists', `${options.destDir} already exists`);
  }
  await mkdir(path.dirname(options.destDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(options.destDir), '.tests-intake-'));
  const root = path.join(staging, 'tests');
  try {
    await mkdir(root);
    const result = await extractAll(options.zipPath, root, options.limits);
    await rename(root, options.destDir);
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function extractAll(zipPath: string, root: string, limits: TestsIntakeLimits): Promise<TestsZipResult> {
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > limits.maxFiles) {
      throw new TestsIntakeError('zip_too_many_files', `the archive lists ${zip.entryCount} entries`, {
        max: limits.maxFiles,
      });
    }
    const files: string[] = [];
    const seen = new Set<string>();
    let totalBytes = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = checkEntry(entry, limits);
      if (seen.has(name.replace(/\/$/, '')))
        throw new TestsIntakeError('zip_duplicate_entry', `duplicate ${name}`);
      seen.add(name.replace(/\/$/, ''));
      const target = path.join(root, name);
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      totalBytes += await extractEntry(zip, entry, { target, name, limits, totalBefore: totalBytes });
      files.push(name);
    }
    return { files, totalBytes };
  } finally {
    zip.close();
  }
}

// Validates the name and type of an entry before a single byte of it is written.
function checkEntry(entry: Entry, limits: TestsIntakeLimits): string {
  const isUtf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const raw = entry.fileName as unknown as Buffer;
  const name = raw.toString(isUtf8 ? 'utf8' : 'latin1');
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    throw new TestsIntakeError('zip_absolute_path', `absolute path ${JSON.stringify(name)}`);
  }
  const segments = name.replace(/\/$/, '').split(/[/\\]/);
  if (segments.includes('..'))
    throw new TestsIntakeError('zip_path_traversal', `path ${JSON.stringify(name)}`);
  if (name.includes('\\') || name.includes('\0') || segments.some((part) => part === '' || part === '.')) {
    throw new TestsIntakeError('zip_invalid_file_name', `file name ${JSON.stringify(name)}`);
  }
  if (segments.length > limits.maxDepth) {
    throw new TestsIntakeError('zip_too_deep', `${name} is ${segments.length} levels deep`, {
      max: limits.maxDepth,
    });
  }
  const madeByUnix = entry.versionMadeBy >> 8 === 3;
  const fileType = (entry.externalFileAttributes >>> 16) & unixFileType;
  if (madeByUnix && fileType === unixSymlink)
    throw new TestsIntakeError('zip_symlink', `${name} is a symlink`);
  if (madeByUnix && fileType !== 0 && fileType !== unixRegular && fileType !== unixDirectory) {
    throw new TestsIntakeError('zip_special_file', `${name} is not a regular file or directory`);
  }
  if (entry.isEncrypted()) throw new TestsIntakeError('zip_encrypted', `${name} is encrypted`);
  return name;
}

async function extractEntry(
  zip: ZipFile,
  entry: Entry,
  context: { target: string; name: string; limits: TestsIntakeLimits; totalBefore: number },
): Promise<number> {
  const { limits, name } = context;
  // Headers are checked first only to fail fast; the counting stream below is what enforces the limits.
  if (entry.uncompressedSize > limits.maxSingleFileBytes) throw tooLarge(name, limits);
  const source = await openEntryStream(zip, entry);
  let count = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      if (count > limits.maxSingleFileBytes) return done(tooLarge(name, limits));
      if (context.totalBefore + count > limits.maxUncompressedBytes) {
        return done(
          new TestsIntakeError('zip_too_large', 'the archive expands beyond the total limit', {
            max: limits.maxUncompressedBytes,
          }),
        );
      }
      if (count > bombFloorBytes && count / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio) {
        return done(
          new TestsIntakeError('zip_bomb', `${name} expands more than ${limits.maxCompressionRatio}:1`),
        );
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(context.target, { flags: 'wx', mode: 0o644 }));
  } catch (error) {
    if (error instanceof TestsIntakeError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // yauzl's validateEntrySizes: the inflated byte count differs from the one the headers declared.
    if (/bytes in the stream/.test(message))
      throw new TestsIntakeError('zip_size_mismatch', `${name}: ${message}`);
    throw new TestsIntakeError('zip_invalid', `${name}: ${message}`);
  }
  return count;
}

function tooLarge(name: string, limits: TestsIntakeLimits) {
  return new TestsIntakeError('zip_file_too_large', `${name} is larger than the single-file limit`, {
    max: limits.maxSingleFileBytes,
  });
}

function openZip(zipPath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl's own name checks would reject with plain Errors; ours give codes.
    yauzl.open(
      zipPath,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (error, zip) => {
        if (error || !zip)
          reject(new TestsIntakeError('zip_invalid', `not a readable zip: ${error?.message}`));
        else resolve(zip);
      },
    );
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      const code = /size mismatch/.test(error.message) ? 'zip_size_mismatch' : 'zip_invalid';
      reject(new TestsIntakeError(code, error.message));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openEntryStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream)
        reject(new TestsIntakeError('zip_invalid', `cannot read entry: ${error?.message}`));
      else resolve(stream);
    });
  });
}
