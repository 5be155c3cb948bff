/**
 * Warnings: things AWS would not allow, or that will not behave as a reader might expect, but
 * that elbsim still runs. They never make a scenario invalid.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../core/scenario/format.ts';
import { parse } from './helpers.ts';

describe('warnings', () => {
  it('a single zone gives the ALB two-zone warning at `zones`, and the scenario is still valid', () => {
    const result = parse('name: t\nduration: 1h\nzones: [us-east-1a]\n');
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      'scenarios/x.yaml:3:8: zones: AWS requires at least two Availability Zones for an Application Load Balancer; elbsim allows one',
    ]);
  });

  it('warnings are kept alongside errors when the scenario is invalid', () => {
    const result = parse('name: t\nduration: 1h\nzones: [us-east-1a]\nseed: -1\n');
    expect(result.ok).toBe(false);
    expect(result.warnings).toHaveLength(1);
  });

  it.each(['network', 'classic'])('a single zone with a %s load balancer gives no warning (AWS allows it)', (type) => {
    expect(parse(`name: t\nduration: 1h\nzones: [a]\nloadBalancer: { type: ${type} }\n`).warnings).toEqual([]);
  });

  it('two zones give no warning', () => {
    expect(parse('name: t\nduration: 1h\nzones: [a, b]\n').warnings).toEqual([]);
  });
});
