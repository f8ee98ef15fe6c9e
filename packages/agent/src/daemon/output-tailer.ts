import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { AgentLogStream } from '@switchyard/protocol';

export type TailedFile = { stream: AgentLogStream; path: string; startOffset: number };

/** Bytes per read; keeps every chunk the shipper builds under its 64 KiB cap. */
const readSizeBytes = 16 * 1024;

/**
 * Follows the files a task writes its output to (files, not pipes, so output survives an agent restart).
 * `onData` gets decoded text and the file offset after it; a multibyte character split across reads is
 * held back until its last byte arrives.
 */
export function createOutputTailer(options: {
  files: TailedFile[];
  onData(stream: AgentLogStream, text: string, endOffset: number): void;
}) {
  const states = options.files.map((file) => ({
    ...file,
    offset: file.startOffset,
    decoder: new StringDecoder('utf8'),
  }));
  const buffer = Buffer.alloc(readSizeBytes);
  let timer: NodeJS.Timeout | null = null;

  /** Reads everything written so far. */
  const drain = () => {
    for (const state of states) {
      let fd: number;
      try {
        fd = fs.openSync(state.path, 'r');
      } catch {
        continue;
      }
      try {
        for (;;) {
          const bytesRead = fs.readSync(fd, buffer, 0, readSizeBytes, state.offset);
          if (bytesRead === 0) break;
          state.offset += bytesRead;
          const text = state.decoder.write(buffer.subarray(0, bytesRead));
          if (text !== '') options.onData(state.stream, text, state.offset);
        }
      } finally {
        fs.closeSync(fd);
      }
    }
  };

  return {
    drain,
    start(intervalMs = 200) {
      timer = setInterval(drain, intervalMs);
    },
    /** Final read after the process exited, flushing any incomplete character as-is. */
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      drain();
      for (const state of states) {
        const rest = state.decoder.end();
        if (rest !== '') options.onData(state.stream, rest, state.offset);
      }
    },
  };
}
