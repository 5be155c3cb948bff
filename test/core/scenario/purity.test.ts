/**
 * core/ is pure (architecture principle 1): the scenario parser must run unchanged in a
 * browser and give the same result everywhere, so it uses no Node modules, file system,
 * clocks or unseeded randomness.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = join(import.meta.dirname, '../../../core/scenario');
const FORBIDDEN = [/from ['"]node:/, /require\(/, /\bMath\.random\b/, /\bDate\.now\b/, /\bnew Date\b/, /\bperformance\.now\b/, /\bsetTimeout\b/, /\bsetInterval\b/, /\bprocess\./, /\bdocument\./, /from ['"](fs|path|os)['"]/];

describe('core/scenario purity', () => {
  const files = readdirSync(FOLDER).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports no Node module and reads no clock or unseeded randomness', (file) => {
    const source = readFileSync(join(FOLDER, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(source, `${file} matches ${pattern}`).not.toMatch(pattern);
  });

  it.each(files)('%s opens with a comment on what it models and stays within 300 lines', (file) => {
    const source = readFileSync(join(FOLDER, file), 'utf8');
    expect(source.startsWith('/**')).toBe(true);
    expect(source.split('\n').length).toBeLessThanOrEqual(300);
  });
});
