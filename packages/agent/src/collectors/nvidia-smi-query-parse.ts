import type { AgentGpuMetrics } from '@switchyard/protocol';

/**
 * The fields the agent asks for, in order. `noheader,nounits` output is parsed by POSITION: the header
 * names differ from the query names (`clocks.sm` prints as `clocks.current.sm [MHz]`).
 */
export const gpuQueryFields = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'clocks.sm',
  'ecc.errors.uncorrected.volatile.total',
] as const;

export type NvidiaSmiRow = Record<string, string | null>;

/** `[N/A]`, `[Not Supported]`, `N/A` and friends mean "this card has no such reading". */
function readCell(raw: string): string | null {
  const cell = raw.trim();
  if (cell === '' || cell === 'N/A' || /^\[.*\]$/.test(cell)) return null;
  return cell;
}

/**
 * Parses `--query-gpu=<fields> --format=csv[,noheader][,nounits]`. With a header line (plain `csv`) the
 * header is skipped and units like `81559 MiB` or `0 %` are stripped from numeric cells.
 */
export function parseNvidiaSmiQueryCsv(text: string, fields: readonly string[]): NvidiaSmiRow[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const hasHeader = lines.length > 0 && lines[0].split(',')[0].trim() === fields[0] && !/^\d/.test(lines[0]);
  return lines.slice(hasHeader ? 1 : 0).map((line) => {
    // Names never contain commas in practice; split on bare commas, trim each cell.
    const cells = line.split(',');
    const row: NvidiaSmiRow = {};
    fields.forEach((field, position) => {
      const cell = cells[position] === undefined ? null : readCell(cells[position]);
      row[field] = cell !== null && hasHeader ? stripUnit(cell) : cell;
    });
    return row;
  });
}

function stripUnit(cell: string): string {
  const match = /^(-?[\d.]+) (MiB|%|W|MHz|C)$/.exec(cell);
  return match ? match[1] : cell;
}

export function readNumber(row: NvidiaSmiRow, field: string): number | null {
  const cell = row[field];
  if (cell === null || cell === undefined) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

const mebibyte = 1024 * 1024;

/** One parsed row → the heartbeat's GPU metric record (bytes, not MiB). */
export function toGpuMetrics(row: NvidiaSmiRow): AgentGpuMetrics {
  const memoryUsedMib = readNumber(row, 'memory.used');
  const memoryTotalMib = readNumber(row, 'memory.total');
  return {
    index: readNumber(row, 'index') ?? 0,
    uuid: row.uuid ?? '',
    utilization_percent: readNumber(row, 'utilization.gpu'),
    memory_utilization_percent: readNumber(row, 'utilization.memory'),
    memory_used_bytes: memoryUsedMib === null ? null : memoryUsedMib * mebibyte,
    memory_total_bytes: memoryTotalMib === null ? null : memoryTotalMib * mebibyte,
    temperature_c: readNumber(row, 'temperature.gpu'),
    power_watts: readNumber(row, 'power.draw'),
    sm_clock_mhz: readNumber(row, 'clocks.sm'),
    ecc_errors_uncorrected: readNumber(row, 'ecc.errors.uncorrected.volatile.total'),
  };
}
