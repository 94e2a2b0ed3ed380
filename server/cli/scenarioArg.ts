import { loadScenario, ScenarioError, type LoadedScenario } from '../scenarioLoader.ts';
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './cliError.ts';

/**
 * Loads the `<scenario>` argument of a command. An unknown name is a usage mistake (exit 2);
 * a file that cannot be read or does not validate is a runtime failure (exit 1). The message
 * keeps every problem the loader found.
 */
export function loadScenarioArg(arg: string): LoadedScenario {
  try {
    return loadScenario(arg);
  } catch (err) {
    if (err instanceof ScenarioError) {
      throw new CliError(err.message, err.kind === 'unknown-name' ? EXIT_USAGE : EXIT_RUNTIME);
    }
    throw err;
  }
}
