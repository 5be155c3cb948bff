/**
 * The file schema of the full topology (contract "Several target groups, listener rules, other
 * target types"): listeners with rules, their conditions and actions, IP targets, the request
 * mix and client groups. AWS's limits on rules are checked here (ALB-LST, ALB-Q): priorities
 * 1–50000, at most 3 values per condition and 5 match evaluations and 5 wildcards per rule,
 * values of at most 128 characters, 1–5 target groups per forward with weights 0–999. The
 * references between parts (a target group a rule names, a zone an IP target names) are
 * checked in resolve-topology.ts, where every part is known.
 */
import * as z from 'zod';
import type { Distribution } from './types.ts';
import { distribution } from './distribution.ts';
import { LIMITS } from './limits.ts';
import { list, strictObject } from './objects.ts';
import { duration, integer, number, oneOf, text } from './values.ts';

/** AWS's protocols by load balancer type (ELB-HOW). */
export const LISTENER_PROTOCOLS = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'TLS', 'UDP', 'TCP_UDP'],
  classic: ['HTTP', 'HTTPS', 'TCP', 'SSL'],
} as const;

const ALL_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'SSL'] as const;

/** ALB-Q: values per condition, match evaluations and wildcards per rule, characters per value. */
export const RULE_LIMITS = { valuesPerCondition: 3, evaluationsPerRule: LIMITS.matchEvaluations.max, wildcardsPerRule: 5, valueLength: 128, forwardTargetGroups: 5, weightMax: 999, priorityMax: 50000 } as const;

/** The characters AWS allows in a path pattern (ALB-LST). */
const PATH_CHARS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]*$/;
/** Host names: letters, digits, hyphens, dots and the two wildcards. */
const HOST_CHARS = /^[A-Za-z0-9\-.*?]*$/;

function matchValue(allowed: RegExp | null, what: string) {
  return text({ nonEmpty: true }).superRefine((value, ctx) => {
    if (value.length > RULE_LIMITS.valueLength) ctx.addIssue({ code: 'custom', message: `${value.length} characters is too long; AWS allows at most ${RULE_LIMITS.valueLength} in a condition value` });
    else if (allowed && !allowed.test(value)) ctx.addIssue({ code: 'custom', message: `\`${value}\` has a character AWS does not allow in ${what}` });
  });
}

function values(allowed: RegExp | null, what: string) {
  return list(matchValue(allowed, what), { min: 1, what: 'value' }).superRefine((items, ctx) => {
    if (items.length > RULE_LIMITS.valuesPerCondition) ctx.addIssue({ code: 'custom', message: `${items.length} values are too many; AWS allows at most ${RULE_LIMITS.valuesPerCondition} per condition` });
  });
}

/** An IPv4 address or CIDR block. */
export function cidr(options: { block: boolean }) {
  return text({ nonEmpty: true }).superRefine((value, ctx) => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/.exec(value);
    const ok = m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && (m[6] === undefined || Number(m[6]) <= 32) && (options.block || m[5] === undefined);
    if (!ok) ctx.addIssue({ code: 'custom', message: `\`${value}\` is not an IPv4 ${options.block ? 'address or CIDR block (e.g. 203.0.113.0/24)' : 'address (e.g. 10.20.0.5)'}` });
  });
}

const METHOD = /^[A-Z_-]+$/;

export const conditionsSchema = strictObject({
  pathPattern: values(PATH_CHARS, 'a path pattern').optional(),
  hostHeader: values(HOST_CHARS, 'a host name').optional(),
  httpHeader: list(strictObject({ name: matchValue(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name'), values: values(null, 'a header value') }), { min: 1, what: 'header' }).optional(),
  httpRequestMethod: values(METHOD, 'a method (upper-case letters, `_` and `-`; no wildcards)').optional(),
  queryString: list(strictObject({ key: matchValue(null, 'a query key').optional(), value: matchValue(null, 'a query value') }), { min: 1, what: 'key/value pair' }).optional(),
  sourceIp: list(cidr({ block: true }), { min: 1, what: 'CIDR block' }).optional(),
}).superRefine((c, ctx) => {
  const used = Object.values(c).filter((v) => v !== undefined);
  if (used.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a rule needs at least one condition (pathPattern, hostHeader, httpHeader, httpRequestMethod, queryString or sourceIp); the default action is `defaultActions`' });
    return;
  }
  if ((c.queryString?.length ?? 0) > RULE_LIMITS.valuesPerCondition) ctx.addIssue({ code: 'custom', path: ['queryString'], message: `${c.queryString!.length} key/value pairs are too many; AWS allows at most ${RULE_LIMITS.valuesPerCondition} per condition` });
  const evaluations = (c.pathPattern?.length ?? 0) + (c.hostHeader?.length ?? 0) + (c.httpRequestMethod?.length ?? 0) + (c.sourceIp?.length ?? 0) +
    (c.queryString?.length ?? 0) + (c.httpHeader ?? []).reduce((n, h) => n + h.values.length, 0);
  if (evaluations > RULE_LIMITS.evaluationsPerRule) ctx.addIssue({ code: 'custom', message: `${evaluations} match evaluations (values over all conditions) are too many; AWS allows at most ${RULE_LIMITS.evaluationsPerRule} per rule` });
  const texts = [...(c.pathPattern ?? []), ...(c.hostHeader ?? []), ...(c.httpHeader ?? []).flatMap((h) => h.values), ...(c.queryString ?? []).flatMap((q) => [q.key ?? '', q.value])];
  const wildcards = texts.reduce((n, t) => n + (t.match(/[*?]/g)?.length ?? 0), 0);
  if (wildcards > RULE_LIMITS.wildcardsPerRule) ctx.addIssue({ code: 'custom', message: `${wildcards} wildcards are too many; AWS allows at most ${RULE_LIMITS.wildcardsPerRule} per rule` });
});

const forwardTo = strictObject({
  targetGroup: text({ nonEmpty: true }),
  weight: integer({ min: 0, max: RULE_LIMITS.weightMax, aws: 'TargetGroupTuple.Weight' }).default(1),
});

export const actionsSchema = strictObject({
  forward: list(forwardTo, { min: 1, what: 'target group' }).superRefine((to, ctx) => {
    if (to.length > RULE_LIMITS.forwardTargetGroups) ctx.addIssue({ code: 'custom', message: `${to.length} target groups are too many; AWS forwards to at most ${RULE_LIMITS.forwardTargetGroups} per action` });
    else if (to.length > 1 && to.every((t) => t.weight === 0)) ctx.addIssue({ code: 'custom', message: 'every weight is 0, so the action has nowhere to send requests; give at least one target group a weight above 0' });
  }).optional(),
  redirect: strictObject({
    statusCode: oneOf(['HTTP_301', 'HTTP_302'], { aws: 'RedirectConfig.StatusCode' }),
    protocol: oneOf(['HTTP', 'HTTPS', '#{protocol}']).optional(),
    host: text({ nonEmpty: true }).optional(),
    port: text({ nonEmpty: true }).optional(),
    path: text({ nonEmpty: true }).optional(),
    query: text().optional(),
  }).superRefine((r, ctx) => {
    if (r.protocol === undefined && r.host === undefined && r.port === undefined && r.path === undefined && r.query === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a redirect must change at least one of protocol, host, port, path or query (AWS refuses a redirect to the same URL)' });
    }
  }).optional(),
  fixedResponse: strictObject({
    statusCode: integer({ min: 200, max: 599, aws: 'FixedResponseConfig.StatusCode' }).superRefine((code, ctx) => {
      if (code >= 300 && code < 400) ctx.addIssue({ code: 'custom', message: `${code} is not allowed; a fixed response is 2XX, 4XX or 5XX (use a redirect for 3XX)` });
    }),
    contentType: oneOf(['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json']).optional(),
    messageBody: text().optional(),
  }).optional(),
}).superRefine((a, ctx) => {
  const given = (['forward', 'redirect', 'fixedResponse'] as const).filter((k) => a[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({ code: 'custom', message: given.length === 0 ? 'give one action: forward, redirect or fixedResponse' : `give one action, not ${given.join(' and ')}: every rule ends in exactly one` });
  }
});

export const ruleSchema = strictObject({
  priority: integer({ min: 1, max: RULE_LIMITS.priorityMax, aws: 'Priority' }),
  conditions: conditionsSchema,
  actions: actionsSchema,
});

export const listenerSchema = strictObject({
  protocol: oneOf(ALL_PROTOCOLS, { what: 'a listener protocol', aws: 'Protocol' }),
  port: integer({ min: 1, max: 65535, aws: 'Port' }),
  rules: list(ruleSchema, { limit: 'listenerRules' }).default(() => []),
  defaultActions: actionsSchema,
});

export const ipTargetSchema = strictObject({
  ip: cidr({ block: false }),
  zone: text({ nonEmpty: true }),
  networkLatency: duration({ min: 0, max: 10 }).default(0),
  concurrency: integer({ min: 1, limit: 'concurrency' }).default(2),
  queueLimit: integer({ min: 0, limit: 'queueLimit' }).default(100),
  serviceTime: distribution().default((): Distribution => ({ distribution: 'exponential', mean: 0.1 })),
});

export const requestClassSchema = strictObject({
  name: text({ nonEmpty: true }).optional(),
  weight: number({ above: 0 }).default(1),
  method: text({ nonEmpty: true }).default('GET'),
  host: text({ nonEmpty: true }).default('example.com'),
  path: text({ nonEmpty: true }).default('/'),
  headers: z.record(z.string(), text()).default(() => ({})),
  query: z.record(z.string(), text()).default(() => ({})),
  port: integer({ min: 1, max: 65535 }).optional(),
});

export const clientGroupSchema = strictObject({
  name: text({ nonEmpty: true }).optional(),
  count: integer({ min: 1, limit: 'clients' }),
  sourceIp: cidr({ block: true }),
});

export type ListenerFile = z.output<typeof listenerSchema>;
export type ActionsFile = z.output<typeof actionsSchema>;
export type ConditionsFile = z.output<typeof conditionsSchema>;
export type IpTargetFile = z.output<typeof ipTargetSchema>;
export type RequestClassFile = z.output<typeof requestClassSchema>;
export type ClientGroupFile = z.output<typeof clientGroupSchema>;
