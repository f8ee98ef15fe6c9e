import fs from 'node:fs';
import path from 'node:path';
import type { AgentLogChunk, AgentLogStream } from '@switchyard/protocol';

const readWindowBytes = 4 * 1024 * 1024;

type SpoolLine = AgentLogChunk & { source_offset: number };

/**
 * The write-ahead log of an attempt's output: every chunk gets its `seq` and lands here before it is sent,
 * so chunks survive both an unreachable server and an agent restart, and are replayed from the first
 * unacknowledged byte. `log-acked.json` records how far the server has confirmed.
 */
export function openLogSpool(attemptDir: string) {
  fs.mkdirSync(attemptDir, { recursive: true });
  const spoolPath = path.join(attemptDir, 'log-spool.jsonl');
  const ackPath = path.join(attemptDir, 'log-acked.json');
  let lastSeq = 0;
  const sourceOffsets: Record<string, number> = {};
  const existing = fs.existsSync(spoolPath) ? fs.readFileSync(spoolPath, 'utf8') : '';
  let validBytes = 0;
  for (const line of existing.split('\n')) {
    // A torn last line (agent killed mid-write) is dropped; its bytes are read again from the source file.
    if (line === '') break;
    let parsed: SpoolLine;
    try {
      parsed = JSON.parse(line) as SpoolLine;
    } catch {
      break;
    }
    validBytes += Buffer.byteLength(line) + 1;
    lastSeq = parsed.seq;
    sourceOffsets[parsed.stream] = parsed.source_offset;
  }
  if (validBytes !== Buffer.byteLength(existing)) fs.truncateSync(spoolPath, validBytes);
  let acked = { seq: 0, byte_offset: 0 };
  try {
    acked = JSON.parse(fs.readFileSync(ackPath, 'utf8'));
  } catch {
    // Nothing acknowledged yet.
  }

  return {
    get lastSeq() {
      return lastSeq;
    },
    get ackedSeq() {
      return acked.seq;
    },
    /** Source-file offset already spooled per stream: where a restarted tailer resumes. */
    sourceOffset: (stream: AgentLogStream) => sourceOffsets[stream] ?? 0,
    append(stream: AgentLogStream, data: string, sourceOffset: number): number {
      lastSeq += 1;
      const line: SpoolLine = { seq: lastSeq, stream, data, source_offset: sourceOffset };
      fs.appendFileSync(spoolPath, `${JSON.stringify(line)}\n`);
      sourceOffsets[stream] = sourceOffset;
      return lastSeq;
    },
    /** Chunks after the acknowledged offset, up to `maxChunks`, and the byte offset after the last one. */
    readUnacked(maxChunks: number): { chunks: AgentLogChunk[]; endByteOffset: number } {
      const chunks: AgentLogChunk[] = [];
      let endByteOffset = acked.byte_offset;
      if (lastSeq <= acked.seq) return { chunks, endByteOffset };
      const fd = fs.openSync(spoolPath, 'r');
      try {
        const unreadBytes = fs.fstatSync(fd).size - acked.byte_offset;
        // A bounded window, so a long outage does not pull the whole spool into memory at once.
        let text = Buffer.alloc(Math.min(unreadBytes, readWindowBytes));
        fs.readSync(fd, text, 0, text.length, acked.byte_offset);
        if (text.indexOf(10) < 0 && text.length < unreadBytes) {
          text = Buffer.alloc(unreadBytes);
          fs.readSync(fd, text, 0, text.length, acked.byte_offset);
        }
        let cursor = 0;
        while (chunks.length < maxChunks) {
          const newline = text.indexOf(10, cursor);
          if (newline < 0) break;
          const line = JSON.parse(text.subarray(cursor, newline).toString('utf8')) as SpoolLine;
          chunks.push({ seq: line.seq, stream: line.stream, data: line.data });
          cursor = newline + 1;
        }
        endByteOffset = acked.byte_offset + cursor;
      } finally {
        fs.closeSync(fd);
      }
      return { chunks, endByteOffset };
    },
    acknowledge(seq: number, byteOffset: number) {
      acked = { seq, byte_offset: byteOffset };
      fs.writeFileSync(ackPath, JSON.stringify(acked));
    },
  };
}

export type LogSpool = ReturnType<typeof openLogSpool>;
