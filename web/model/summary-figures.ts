/**
 * The summary figures shown in the run summary and side by side in compare mode. Each figure
 * reads one field of summary.json (contract section 3) so the page and the file agree.
 */
import type { Summary } from '../../core/report/types.ts';

export interface Figure {
  key: string;
  label: string;
  unit: string;
  digits: number;
  /** Whether a smaller value is the better one (colours the delta in compare mode). */
  lowerIsBetter: boolean | null;
  value(summary: Summary): number;
  /** Shown only when some run has it (NaN otherwise): the Spot figures of a mixed instances policy. */
  optional?: true;
}

const elb5xx = (s: Summary): number => s.elb5xx['502'] + s.elb5xx['503'] + s.elb5xx['504'];

export const FIGURES: readonly Figure[] = [
  { key: 'requests', label: 'Requests', unit: '', digits: 0, lowerIsBetter: null, value: (s) => s.requests },
  { key: 'responses2xx', label: '2xx responses', unit: '', digits: 0, lowerIsBetter: false, value: (s) => s.responses2xx },
  { key: 'elb5xx', label: 'ELB 5xx (502+503+504)', unit: '', digits: 0, lowerIsBetter: true, value: elb5xx },
  { key: 'target5xx', label: 'Target 5xx', unit: '', digits: 0, lowerIsBetter: true, value: (s) => s.target5xx },
  {
    key: 'errorRate',
    label: 'Error rate',
    unit: '%',
    digits: 3,
    lowerIsBetter: true,
    value: (s) => (s.requests > 0 ? ((elb5xx(s) + s.target5xx) / s.requests) * 100 : Number.NaN),
  },
  { key: 'latencyMean', label: 'Latency mean', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.latencyMs.mean },
  { key: 'latencyP50', label: 'Latency p50', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.latencyMs.p50 },
  { key: 'latencyP99', label: 'Latency p99', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.latencyMs.p99 },
  { key: 'latencyMax', label: 'Latency max', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.latencyMs.max },
  // What a client waited, errors included (summary.json clientLatencyMs); the rows above count successes only.
  { key: 'clientLatencyP99', label: 'Client latency p99, with errors', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.clientLatencyMs.p99 },
  { key: 'clientLatencyMax', label: 'Client latency max, with errors', unit: 'ms', digits: 1, lowerIsBetter: true, value: (s) => s.clientLatencyMs.max },
  { key: 'capacityMin', label: 'Capacity min', unit: 'instances', digits: 0, lowerIsBetter: null, value: (s) => s.capacity.min },
  { key: 'capacityMax', label: 'Capacity max', unit: 'instances', digits: 0, lowerIsBetter: null, value: (s) => s.capacity.max },
  { key: 'instanceHours', label: 'Instance hours', unit: 'h', digits: 2, lowerIsBetter: true, value: (s) => s.instanceHours },
  { key: 'cost', label: 'Cost', unit: 'USD', digits: 2, lowerIsBetter: true, value: (s) => s.cost },
  { key: 'costOnDemand', label: 'Cost On-Demand', unit: 'USD', digits: 4, lowerIsBetter: true, optional: true, value: (s) => s.costOnDemand ?? Number.NaN },
  { key: 'costSpot', label: 'Cost Spot', unit: 'USD', digits: 4, lowerIsBetter: true, optional: true, value: (s) => s.costSpot ?? Number.NaN },
  { key: 'spotInterruptions', label: 'Spot interruptions', unit: '', digits: 0, lowerIsBetter: true, optional: true, value: (s) => s.spotInterruptions ?? Number.NaN },
];

/** The figures to show for these runs: every figure, less the optional ones no run has. */
export function figuresFor(summaries: readonly Summary[]): Figure[] {
  return FIGURES.filter((f) => !f.optional || summaries.some((s) => Number.isFinite(f.value(s))));
}
