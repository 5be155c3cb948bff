/**
 * The resolved form of a random duration, shared by the instance settings (types.ts) and the
 * warm pool (scaling-types.ts); a module of its own so neither of those imports the other.
 */

/** A random quantity in seconds. A bare duration in the file becomes `constant`. */
export type Distribution =
  | { distribution: 'constant'; value: number }
  | { distribution: 'exponential'; mean: number }
  | { distribution: 'lognormal'; mean: number; cv: number }
  | { distribution: 'uniform'; min: number; max: number };
