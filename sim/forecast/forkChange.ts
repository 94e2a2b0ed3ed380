import type { Scenario } from '../scenario/scenarioSchema.ts';
import { buildLayout } from '../layout/buildLayout.ts';
import { aisleCode } from '../engine/aisleLocks.ts';

/** A what-if applied to a forked run from the fork's time on (at most one of each kind). */
export interface ForkChange {
  /** More workers of a role, like the role's first group (shift, zone, speed), from the fork on. */
  addWorkers?: { role: string; count: number };
  /** Another wave interval (minutes) from the next wave after the fork on (wave release only). */
  waveMinutes?: number;
  /** Aisles (`A-03`) locked from the fork on for the whole horizon ("aisle locked for a count"). */
  lockAisles?: string[];
}

/** A problem with a change, named by where it is in the request body. */
export interface ForkChangeProblem {
  path: string;
  message: string;
}

/** Why a change does not fit the live scenario (empty when it does). */
export function forkChangeProblems(scenario: Scenario, change: ForkChange): ForkChangeProblem[] {
  const out: ForkChangeProblem[] = [];
  if (change.addWorkers) {
    const role = change.addWorkers.role;
    if (!scenario.workers.some((g) => g.role === role)) {
      const roles = [...new Set(scenario.workers.map((g) => g.role))].join(', ');
      out.push({
        path: 'change.addWorkers.role',
        message: `scenario "${scenario.name}" has no ${role} group to copy (it has ${roles})`,
      });
    }
  }
  if (change.waveMinutes !== undefined && scenario.release.policy !== 'wave') {
    out.push({
      path: 'change.waveMinutes',
      message: `scenario "${scenario.name}" releases orders "${scenario.release.policy}", not in waves`,
    });
  }
  if (change.lockAisles) {
    const aisles = scenario.layout ? buildLayout(scenario.layout).aisles.map(aisleCode) : [];
    const seen = new Set<string>();
    change.lockAisles.forEach((raw, i) => {
      const a = raw.trim().toUpperCase();
      if (!aisles.includes(a))
        out.push({
          path: `change.lockAisles.${i}`,
          message:
            aisles.length === 0
              ? `scenario "${scenario.name}" has no layout: there are no aisles to lock`
              : `scenario "${scenario.name}" has no aisle "${raw}" (aisles are named like ${aisles.slice(0, 3).join(', ')})`,
        });
      else if (seen.has(a))
        out.push({ path: `change.lockAisles.${i}`, message: `aisle ${a} is listed twice` });
      seen.add(a);
    });
  }
  return out;
}
