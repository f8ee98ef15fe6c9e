import { isAppError } from '../../kernel/errors.js';
import { createMachineSchema } from './machine-schemas.js';

/** RFC 4180 fields: commas, quoted fields with "" escapes and embedded newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

const parseLabels = (text: string) =>
  Object.fromEntries(
    text
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) =>
        pair
          .split(/=(.*)/s)
          .slice(0, 2)
          .map((part) => part.trim()),
      ),
  );

/** One CSV record → the body POST /api/admin/machines takes (empty cells are absent fields). */
export function csvRecordToMachine(record: Record<string, string>) {
  const value = (key: string) => (record[key]?.trim() ? record[key].trim() : undefined);
  const ssh = value('ssh_user')
    ? {
        host: value('ssh_host'),
        port: value('ssh_port') ? Number(value('ssh_port')) : undefined,
        user: value('ssh_user'),
        password: value('ssh_password'),
        private_key: value('ssh_private_key'),
      }
    : undefined;
  return createMachineSchema.safeParse({
    name: value('name'),
    hostname: value('hostname'),
    ip: value('ip'),
    domain: value('domain'),
    region: value('region'),
    labels: value('labels') ? parseLabels(value('labels') as string) : undefined,
    ssh,
  });
}

export interface CsvImportReport {
  created: Array<{ line: number; id: string; name: string }>;
  skipped: Array<{ line: number; name: string | null; code: string; reason: string }>;
}

/** Imports row by row: duplicates (409 machine_exists) and invalid rows are skipped and reported, the rest created. */
export async function importMachinesCsv(
  csv: string,
  createOne: (
    input: ReturnType<typeof csvRecordToMachine> & { success: true },
  ) => Promise<{ id: string; name: string }>,
): Promise<CsvImportReport> {
  const [header, ...records] = parseCsv(csv);
  const columns = (header ?? []).map((cell) => cell.trim().toLowerCase());
  const report: CsvImportReport = { created: [], skipped: [] };
  for (const [index, cells] of records.entries()) {
    const line = index + 2;
    const record = Object.fromEntries(columns.map((column, position) => [column, cells[position] ?? '']));
    const parsed = csvRecordToMachine(record);
    const name = record.name?.trim() || null;
    if (!parsed.success) {
      const reason = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      report.skipped.push({ line, name, code: 'invalid_request', reason });
      continue;
    }
    try {
      const created = await createOne(parsed as ReturnType<typeof csvRecordToMachine> & { success: true });
      report.created.push({ line, ...created });
    } catch (error) {
      if (!isAppError(error)) throw error;
      report.skipped.push({ line, name, code: error.code, reason: error.message });
    }
  }
  return report;
}
