/**
 * Scenarios for tests, written as YAML the way users write them: `scenarioFromYaml` parses and
 * resolves a scenario with the real parser and throws with the formatted problems if it is
 * invalid, so a test's fixture mistake reads like `elbsim validate` output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue } from '../../core/scenario/format.ts';
import type { OverrideInput } from '../../core/scenario/overrides.ts';
import { parseScenario } from '../../core/scenario/parse.ts';
import type { Scenario } from '../../core/scenario/types.ts';

export interface ScenarioFromYamlOptions {
  /** File name used in messages and to pick the format (default `test.yaml`). */
  file?: string;
  /** `PATH=VALUE` overrides, as `--set` gives them. */
  overrides?: readonly OverrideInput[];
}

/** The resolved scenario for `yamlText`; throws an Error listing every problem if it is invalid. */
export function scenarioFromYaml(yamlText: string, options: ScenarioFromYamlOptions = {}): Scenario {
  const file = options.file ?? 'test.yaml';
  const result = parseScenario(yamlText, file, { overrides: options.overrides ?? [] });
  if (!result.ok) {
    throw new Error(`invalid scenario ${file}:\n${result.errors.map(formatIssue).join('\n')}`);
  }
  return result.scenario;
}

/** The resolved scenario of a bundled example, `scenarios/<name>.yaml`. */
export function bundledScenario(name: string): Scenario {
  const path = join(import.meta.dirname, '../../scenarios', `${name}.yaml`);
  return scenarioFromYaml(readFileSync(path, 'utf8'), { file: `scenarios/${name}.yaml` });
}
