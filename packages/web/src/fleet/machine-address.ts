import type { Machine } from './fleet-api.js';

/** Hostname, IP and domain as one line, skipping the ones not set. */
export const machineAddress = (machine: Pick<Machine, 'hostname' | 'ip' | 'domain'>) =>
  [machine.hostname, machine.ip, machine.domain].filter(Boolean).join(' · ');
