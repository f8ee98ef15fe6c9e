#!/usr/bin/env node
// The `switchyard` command. Sources are TypeScript run through tsx (see docs/decisions.md).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../packages/server/src/cli/cli-main.ts');
process.exitCode = await runCli(process.argv);
