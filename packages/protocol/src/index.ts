/** report.json v1 of the judge: verdicts, per-test results, limits and isolation layers (zod + JSON Schema). */
export * from './judge-report.js';
