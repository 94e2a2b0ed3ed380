import { listScenarios, SHIPPED_SCENARIOS_DIR } from '../scenarioLoader.ts';
import { displayPath } from './displayPath.ts';

/** `bintwin scenarios`: the shipped scenarios with descriptions; broken files are listed with the reason. */
export function scenariosCommand(): number {
  const list = listScenarios();
  if (list.length === 0) {
    process.stdout.write(`no scenarios in ${displayPath(SHIPPED_SCENARIOS_DIR)}\n`);
    return 0;
  }
  const width = Math.max(...list.map((s) => s.name.length));
  const lines = list.map((s) => {
    const text = s.error
      ? `BROKEN: ${s.error} (run: bintwin validate ${s.name})`
      : s.description || '(no description)';
    return `${s.name.padEnd(width)}  ${text}`;
  });
  process.stdout.write(lines.join('\n') + '\n');
  return list.some((s) => s.error) ? 1 : 0;
}
