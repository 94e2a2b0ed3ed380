import type { Scenario } from '../scenario/scenarioSchema.ts';

/** A what-if applied to a forked run from the fork's time on (at most one of each kind). */
export interface ForkChange {
  /** More workers of a role, like the role's first group (shift, zone, speed), from the fork on. */
  addWorkers?: { role: string; count: number };
  /** Another wave interval (minutes) from the next wave after the fork on (wave release only). */
  waveMinutes?: number;
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
  return out;
}
