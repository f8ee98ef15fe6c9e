import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeReportJsonSchema } from './judge-report.js';

/** Path of the emitted JSON Schema file, relative to this module. */
export const judgeReportSchemaFileUrl = new URL('../schemas/judge-report.schema.json', import.meta.url);

/** The file's exact text, so a test can prove the committed copy is current. */
export function renderJudgeReportSchemaFile(): string {
  return `${JSON.stringify(judgeReportJsonSchema(), null, 2)}\n`;
}

// `npx tsx packages/protocol/src/judge-report-schema-emit.ts` rewrites the file.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(judgeReportSchemaFileUrl, renderJudgeReportSchemaFile());
}
