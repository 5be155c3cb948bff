/**
 * Scenarios for the validation tests, written in the scenario file form and read by the parser
 * like any user's: the textbook queueing setting of validation.md in elbsim terms.
 *
 * One zone (so one load-balancer node and one routing state), a fixed fleet (Auto Scaling min =
 * max = desired, no policies), no faults, Poisson arrivals at a constant rate, exponential
 * service of mean 1 s (so times measured in seconds are in units of the mean service time), and
 * an idle timeout and queue limit so large that no request is ever refused or timed out. Health
 * checks keep AWS's defaults; every target starts InService and healthy, so they never change
 * who is eligible.
 */
import type { Algorithm, Scenario } from '../../core/scenario/types.ts';
import { buildScenario, fixedFleet } from '../support/build.ts';

/** Mean service time of every validation scenario, in seconds (mu = 1/s). */
export const SERVICE_MEAN_S = 1;

/**
 * AWS's largest idle timeout (4000 s). At these loads a response takes 4000 mean service times
 * with negligible probability, and any that did would show as a 504 in the measured errors.
 */
const IDLE_TIMEOUT_S = 4000;

/** Large enough never to bind: no 502 (queue full). */
const QUEUE_NEVER_FULL = 1e9;

export interface ValidationSetup {
  name: string;
  /** Number of targets (instances) in the fixed fleet. */
  targets: number;
  /** Worker slots per target (c of M/M/c). */
  concurrency: number;
  /** Total arrival rate at the load balancer, requests per second. */
  arrivalRatePerS: number;
  algorithm: Algorithm;
  durationS: number;
  /** CloudWatch period: one timeseries row each (10 s, 30 s or a multiple of 60 s, as in a scenario file). */
  periodS: number;
}

export function validationScenario(setup: ValidationSetup): Scenario {
  return buildScenario({
    name: setup.name,
    description: `validation: ${setup.targets} target(s) x ${setup.concurrency} slot(s), ${setup.algorithm}, lambda ${setup.arrivalRatePerS}/s`,
    duration: setup.durationS,
    period: setup.periodS,
    zones: ['us-east-1a'],
    traffic: { rate: setup.arrivalRatePerS, arrivals: 'poisson', clients: 1000 },
    // Health checks that queue behind requests would mark busy targets unhealthy at these loads
    // (mean waits beyond the 5 s timeout) and change who is eligible: liveness only here.
    loadBalancer: {
      idleTimeout: IDLE_TIMEOUT_S,
      targetGroup: { name: 'validation', algorithm: setup.algorithm, healthCheck: { servedByTarget: false } },
    },
    autoScaling: fixedFleet(setup.targets),
    instance: { type: 'validation', pricePerHour: 0, concurrency: setup.concurrency, queueLimit: QUEUE_NEVER_FULL, serviceTime: { distribution: 'exponential', mean: SERVICE_MEAN_S }, idleCpu: 0 },
  });
}
