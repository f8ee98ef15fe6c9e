import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { createFleetMetrics } from './fleet-metrics.js';

const deployDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../deploy');

// The subset of Prometheus' rule file format (https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/)
// that promtool would reject us for getting wrong.
const alertRuleSchema = z
  .object({
    alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    expr: z.string().min(1),
    for: z
      .string()
      .regex(/^\d+[smhd]$/)
      .optional(),
    labels: z.object({ severity: z.enum(['info', 'warning', 'critical']) }).catchall(z.string()),
    annotations: z.object({ summary: z.string(), description: z.string() }).catchall(z.string()),
  })
  .strict();
const ruleFileSchema = z
  .object({
    groups: z.array(z.object({ name: z.string(), rules: z.array(alertRuleSchema).min(1) }).strict()).min(1),
  })
  .strict();

function exportedMetricNames(): Set<string> {
  const registry = new Registry();
  createFleetMetrics(registry, async () => ({
    machines: [],
    busyGpusByMachine: new Map(),
    tasksByState: {},
    oldestQueuedCreatedAtMs: null,
    nowMs: 0,
  }));
  const names = registry.getMetricsAsArray().map((metric) => metric.name);
  return new Set([...names, ...names.map((name) => `${name}_bucket`)]);
}

const metricNamesIn = (expr: string) =>
  [...expr.matchAll(/\bswitchyard_[a-z_]+\b/g)].map((match) => match[0]);

describe('deploy files', () => {
  const exported = exportedMetricNames();

  it('has a Prometheus alert file of the right shape that covers the fleet alerts', () => {
    const rules = ruleFileSchema.parse(
      parse(fs.readFileSync(path.join(deployDir, 'prometheus/alerts.yml'), 'utf8')),
    );
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'SwitchyardMachineUnreachable',
        'SwitchyardGpuHot',
        'SwitchyardGpuMemoryFull',
        'SwitchyardGpuEccErrors',
        'SwitchyardTaskQueueWaitTooLong',
      ]),
    );
    for (const rule of alerts) {
      expect(metricNamesIn(rule.expr).length, rule.alert).toBeGreaterThan(0);
      for (const name of metricNamesIn(rule.expr))
        expect(exported, `${rule.alert} uses ${name}`).toContain(name);
    }
  });

  it('has a Grafana dashboard that imports with a datasource input and queries only exported series', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(deployDir, 'grafana/fleet.json'), 'utf8'));
    expect(dashboard.__inputs[0]).toMatchObject({
      name: 'DS_PROMETHEUS',
      type: 'datasource',
      pluginId: 'prometheus',
    });
    expect(dashboard).toMatchObject({ uid: 'switchyard-fleet', title: 'Switchyard fleet' });
    const ids = dashboard.panels.map((panel: { id: number }) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exprs = dashboard.panels.flatMap((panel: { targets: Array<{ expr: string }> }) =>
      panel.targets.map((target) => target.expr),
    );
    for (const expr of exprs) for (const name of metricNamesIn(expr)) expect(exported, expr).toContain(name);
  });
});
