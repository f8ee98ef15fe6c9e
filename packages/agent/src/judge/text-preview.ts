import { open } from 'node:fs/promises';

/** The first `maxBytes` of a file as text, and whether more was there. */
export async function previewFile(
  file: string,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return { text: '', truncated: false };
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    const truncated = bytesRead > maxBytes;
    return { text: buffer.subarray(0, Math.min(bytesRead, maxBytes)).toString('utf8'), truncated };
  } finally {
    await handle.close();
  }
}
