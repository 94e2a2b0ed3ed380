import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { networkSchema, type Network } from '../sim/networkApi.ts';
import {
  baseReader,
  isScenarioPath,
  parseScenarioJson,
  ScenarioError,
  SHIPPED_SCENARIOS_DIR,
} from './scenarioLoader.ts';
import { ExtendsError, resolveExtends } from './scenarioExtends.ts';
import { formatIssues } from './scenarioProblems.ts';

/** Where shipped network scenarios live (a subfolder, so single-site listings never see them). */
export const SHIPPED_NETWORKS_DIR = join(SHIPPED_SCENARIOS_DIR, 'networks');

/** A validated network scenario and the file it came from. */
export interface LoadedNetwork {
  network: Network;
  source: string;
}

/** Is `nameOrPath` a network scenario: a shipped network's name, or a file whose `kind` is `network`? */
export function isNetworkArg(nameOrPath: string): boolean {
  if (!isScenarioPath(nameOrPath)) return existsSync(join(SHIPPED_NETWORKS_DIR, `${nameOrPath}.json`));
  try {
    const data = JSON.parse(readFileSync(resolve(nameOrPath), 'utf8')) as { kind?: unknown };
    return data.kind === 'network';
  } catch {
    return false;
  }
}

/**
 * Loads a network scenario: a site's `scenario` may say `"extends": "demo-dc"` (a shipped
 * scenario name, or a path relative to the network file) and give only what differs; then the
 * whole network is validated, and every problem is reported with its path from the root
 * (`sites[1].scenario.workers[0].count`).
 */
export function loadNetwork(nameOrPath: string): LoadedNetwork {
  const source = isScenarioPath(nameOrPath)
    ? resolve(nameOrPath)
    : join(SHIPPED_NETWORKS_DIR, `${nameOrPath}.json`);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch {
    throw new ScenarioError('unreadable', source, [], `${source}: cannot read network scenario`);
  }
  const data = parseScenarioJson(text, source);
  const sites = (data as { sites?: unknown }).sites;
  if (Array.isArray(sites)) {
    const read = baseReader(SHIPPED_SCENARIOS_DIR);
    sites.forEach((s: unknown, i) => {
      const site = s as { scenario?: unknown };
      if (typeof site !== 'object' || site === null || site.scenario === undefined) return;
      const ownItems =
        typeof site.scenario === 'object' && site.scenario !== null && 'items' in site.scenario;
      try {
        site.scenario = resolveExtends(site.scenario, source, (ref, from) =>
          isScenarioPath(ref) ? read(resolve(dirname(from), ref), from) : read(ref, from),
        );
        // Items a site inherits from its base give way to the network's item master; items the
        // site writes itself are an error the schema reports.
        if (!ownItems && typeof site.scenario === 'object' && site.scenario !== null)
          delete (site.scenario as Record<string, unknown>)['items'];
      } catch (err) {
        if (err instanceof ExtendsError)
          throw new ScenarioError('invalid', source, [
            { path: `sites[${i}].scenario.extends`, message: err.message.replace(/^extends: /, '') },
          ]);
        throw err;
      }
    });
  }
  const result = networkSchema.safeParse(data);
  if (!result.success) throw new ScenarioError('invalid', source, formatIssues(result.error.issues, data));
  return { network: result.data, source };
}
