import { onSupervisorDecision, supervision, supervisionKpis } from './supervisorDesk.ts';

/**
 * Supervision: the decisions the task charts send to a person with authority (a putaway
 * override, a count adjustment nobody else reviews) wait for one of `people.supervisors`, who
 * answers after the requesting flow's decision time. The requesting flows own the outcome.
 */
export const supervisionFlow = supervision.flow({
  events: { supervisorDecision: onSupervisorDecision },
  kpis: supervisionKpis,
});
