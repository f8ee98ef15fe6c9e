import fs from 'node:fs';
import path from 'node:path';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the browser tests with \`npm run e2e\``);
  return value;
}

export const e2eBaseUrl = required('SWITCHYARD_E2E_BASE_URL');
export const e2eAdmin = {
  username: required('SWITCHYARD_E2E_ADMIN_USERNAME'),
  password: required('SWITCHYARD_E2E_ADMIN_PASSWORD'),
};
export const e2eOutputDir = process.env.SWITCHYARD_E2E_OUTPUT_DIR ?? path.resolve('e2e-output');
fs.mkdirSync(e2eOutputDir, { recursive: true });

/** Usernames unique per run, so specs never collide with each other or with a previous run. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
