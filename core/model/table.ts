/**
 * Growing the typed-array columns of the simulator's tables (servers, instances, target-group
 * members; the request records are rows of one buffer and grow it whole). Each table lists its own
 * columns when it grows, so every column is written out where it is declared and nothing reflects
 * over an object's keys.
 */
type Column = Float64Array | Float32Array | Int32Array | Int8Array | Uint8Array;

/** A copy of `column` with room for `capacity` rows, the old rows kept. */
export function grown<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

/** The capacity a table of `capacity` rows grows to when it is full. */
export function nextCapacity(capacity: number): number {
  return Math.max(16, capacity * 2);
}
