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
} from './schema.ts';
import { listAllowed } from './suggest.ts';
import type { HealthCheck, LoadBalancer, LoadBalancerType } from './types.ts';

const TG = ['loadBalancer', 'targetGroup'] as const;
const HC = [...TG, 'healthCheck'] as const;

const TYPE_NAME: Readonly<Record<LoadBalancerType, string>> = {
  application: 'an application',
  network: 'a network',
  classic: 'a classic',
};

function resolveHealthCheck(file: LoadBalancerFile, errors: Finding[]): HealthCheck {
  const type = file.type;
  const given = file.targetGroup.healthCheck;
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

export function resolveLoadBalancer(file: LoadBalancerFile, errors: Finding[]): LoadBalancer {
  const type = file.type;
  const tg = file.targetGroup;
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
    type,
    crossZone: file.crossZone ?? CROSS_ZONE_DEFAULT[type],
    idleTimeoutS: file.idleTimeout,
    targetGroup: {
      name: tg.name,
      algorithm,
      deregistrationDelayS: tg.deregistrationDelay,
      slowStartS: tg.slowStart,
      healthCheck: resolveHealthCheck(file, errors),
    },
  };
}
