/**
 * Fills in the load balancer settings whose defaults depend on its type (cross-zone, routing
 * algorithm, health check) and applies the AWS rules that tie settings together: an algorithm
 * must exist on the type, slow start is an ALB feature that AWS refuses to combine with least
 * outstanding requests (ALB-TG), and a health check's interval must be greater than its
 * timeout (OBS-HCINT), whose upper bound is 60 s on a Classic Load Balancer (CLB-HC).
 */
import type { Finding } from './issues.ts';
import {
  ALGORITHMS_BY_TYPE,
  CROSS_ZONE_DEFAULT,
  DEFAULT_ALGORITHM,
  HEALTH_CHECK_DEFAULTS,
  HEALTH_CHECK_TIMEOUT_MAX,
  SLOW_START_TYPES,
  type LoadBalancerFile,
  type ShorthandTargetGroupFile,
} from './schema.ts';
import { listAllowed } from './suggest.ts';
import type { HealthCheck, LoadBalancer, LoadBalancerType, TargetGroup } from './types.ts';

type Path = readonly (string | number)[];

const TYPE_NAME: Readonly<Record<LoadBalancerType, string>> = {
  application: 'an application',
  network: 'a network',
  classic: 'a classic',
};

function resolveHealthCheck(given: TargetGroupSettingsFile['healthCheck'], type: LoadBalancerType, HC: Path, errors: Finding[]): HealthCheck {
  const defaults = HEALTH_CHECK_DEFAULTS[type];
  const check: HealthCheck = {
    intervalS: given.interval ?? defaults.intervalS,
    timeoutS: given.timeout ?? defaults.timeoutS,
    healthyThreshold: given.healthyThreshold ?? defaults.healthyThreshold,
    unhealthyThreshold: given.unhealthyThreshold ?? defaults.unhealthyThreshold,
    servedByTarget: given.servedByTarget ?? defaults.servedByTarget,
  };
  const timeoutMax = HEALTH_CHECK_TIMEOUT_MAX[type];
  if (check.timeoutS > timeoutMax) {
    errors.push({ path: [...HC, 'timeout'], anchor: 'value', message: `${check.timeoutS}s is out of range for ${TYPE_NAME[type]} load balancer; allowed 2s to ${timeoutMax}s (AWS HealthCheckTimeoutSeconds)` });
  } else if (check.intervalS <= check.timeoutS) {
    const interval = `interval ${check.intervalS}s${given.interval === undefined ? ' (the default)' : ''}`;
    const timeout = `timeout ${check.timeoutS}s${given.timeout === undefined ? ' (the default)' : ''}`;
    errors.push({
      path: [...HC, given.interval === undefined ? 'timeout' : 'interval'],
      anchor: 'value',
      message: `${interval} must be greater than ${timeout} (AWS: "Health check interval must be greater than the timeout")`,
    });
  }
  return check;
}

/** The settings every target group has, whether shorthand or an item of `loadBalancer.targetGroups`. */
export type TargetGroupSettingsFile = Pick<ShorthandTargetGroupFile, 'algorithm' | 'deregistrationDelay' | 'slowStart' | 'healthCheck'>;

export type TargetGroupSettings = Pick<TargetGroup, 'algorithm' | 'deregistrationDelayS' | 'slowStartS' | 'healthCheck'>;

/** A target group's settings on a load balancer of `type`, checked; `TG` is where it is in the file. */
export function resolveTargetGroupSettings(tg: TargetGroupSettingsFile, type: LoadBalancerType, TG: Path, errors: Finding[]): TargetGroupSettings {
  const algorithm = tg.algorithm ?? DEFAULT_ALGORITHM[type];
  const allowed = ALGORITHMS_BY_TYPE[type];
  if (!allowed.includes(algorithm)) {
    errors.push({ path: [...TG, 'algorithm'], anchor: 'value', message: `\`${algorithm}\` is not available on ${TYPE_NAME[type]} load balancer; allowed: ${listAllowed(allowed)}` });
  }
  if (tg.slowStart > 0 && !SLOW_START_TYPES.includes(type)) {
    errors.push({ path: [...TG, 'slowStart'], anchor: 'value', message: `slow start exists only on application load balancers, and this one is ${type}; use 0s` });
  } else if (tg.slowStart > 0 && algorithm === 'least_outstanding_requests') {
    errors.push({ path: [...TG, 'slowStart'], anchor: 'value', message: `${tg.slowStart}s of slow start cannot be combined with least_outstanding_requests (AWS forbids it); use 0s or another algorithm` });
  }
  return {
    algorithm,
    deregistrationDelayS: tg.deregistrationDelay,
    slowStartS: tg.slowStart,
    healthCheck: resolveHealthCheck(tg.healthCheck, type, [...TG, 'healthCheck'], errors),
  };
}

/** The load balancer's own settings; its listeners are resolved with the target groups (resolve-topology.ts). */
export function resolveLoadBalancer(file: LoadBalancerFile): Omit<LoadBalancer, 'listeners'> {
  const type = file.type;
  return { name: file.name, type, crossZone: file.crossZone ?? CROSS_ZONE_DEFAULT[type], idleTimeoutS: file.idleTimeout };
}
