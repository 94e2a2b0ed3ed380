import { Priority } from '../../engine/eventKinds.ts';
import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import type { World } from '../../engine/world.ts';
import { schedule } from '../../engine/applyEffects.ts';

/** What a supervisor is asked to decide (the `a` of a supervisorDecision event). */
export const DecisionKind = {
  /** A putaway driver scanned another bin than the directed one (putawayTaskMachine overridePending). */
  putawayOverride: 0,
  /** A count still out after the recount, with no inventory controller to review it (cycleCountMachine review). */
  countAdjustment: 1,
} as const;

/** One decision kind. */
export type DecisionKindId = (typeof DecisionKind)[keyof typeof DecisionKind];

/** Runs when a supervisor has decided: the requesting flow draws the outcome and moves its chart on. */
export type DecisionHandler = (w: World, ref: number, requestedAt: number) => void;

/** A request waiting for, or being decided by, a supervisor. */
interface Request {
  kind: number;
  ref: number;
  /** How long the supervisor takes over it, drawn by the requester from its scenario distribution. */
  ms: number;
  /** When it was asked. */
  at: number;
}

/** The supervisors' desk: plain JSON inside `World.flow`, so a snapshot carries it. */
export interface SupervisionState {
  /** Requests no supervisor has taken yet, oldest first. */
  waiting: Request[];
  /** Requests being decided now (at most `people.supervisors`). */
  deciding: Request[];
  /** Decisions made, by kind name. */
  decided: Record<string, number>;
  /** Sum and maximum of request → decision times (ms), and of the part spent queued. */
  responseMs: number;
  maxResponseMs: number;
  queuedMs: number;
  /** Supervisor time spent deciding (ms, booked when a request is taken), for utilisation. */
  busyMs: number;
}

/** The supervision flow module: the desk's state slice and its decision event. */
export const supervision = defineFlow({
  name: 'supervision',
  state: (): SupervisionState => ({
    waiting: [],
    deciding: [],
    decided: {},
    responseMs: 0,
    maxResponseMs: 0,
    queuedMs: 0,
    busyMs: 0,
  }),
  events: ['supervisorDecision'],
});

/** The desk's state in the world, created on first use. */
export function supervisionState(w: FlowHost): SupervisionState {
  return supervision.state(w);
}

const handlers = new Map<number, DecisionHandler>();

/** Registers what happens when a decision of a kind is made (once per kind, from the composition root). */
export function registerDecision(kind: DecisionKindId, handler: DecisionHandler): void {
  handlers.set(kind, handler);
}

/** Name of a decision kind, for KPIs and error messages. */
export function decisionName(kind: number): string {
  const hit = Object.entries(DecisionKind).find(([, k]) => k === kind);
  if (!hit) throw new Error(`unknown supervisor decision kind ${kind}`);
  return hit[0];
}

/**
 * Asks a supervisor to decide (`ref` is the requesting document's id). A free supervisor takes it
 * now and answers after `decisionMs`; otherwise it queues, first come first served. The requester
 * keeps its worker waiting until its handler runs.
 */
export function requestDecision(w: World, kind: DecisionKindId, ref: number, decisionMs: number): void {
  if (!handlers.has(kind)) throw new Error(`no handler for supervisor decision ${decisionName(kind)}`);
  const s = supervisionState(w);
  const req: Request = { kind, ref, ms: Math.max(0, Math.round(decisionMs)), at: w.now };
  if (s.deciding.length < w.scenario.people.supervisors) take(w, s, req);
  else s.waiting.push(req);
}

function take(w: World, s: SupervisionState, req: Request): void {
  s.deciding.push(req);
  s.queuedMs += w.now - req.at;
  s.busyMs += req.ms;
  schedule(w, w.now + req.ms, Priority.completion, supervision.ev.supervisorDecision, req.kind, req.ref);
}

/** A supervisor has decided: the requester's handler runs, then the supervisor takes the next request. */
export function onSupervisorDecision(w: World, kind: number, ref: number): void {
  const s = supervisionState(w);
  const i = s.deciding.findIndex((r) => r.kind === kind && r.ref === ref);
  if (i < 0) throw new Error(`supervisor decision ${decisionName(kind)} ${ref} was never requested`);
  const req = s.deciding[i]!;
  s.deciding.splice(i, 1);
  const name = decisionName(kind);
  s.decided[name] = (s.decided[name] ?? 0) + 1;
  const response = w.now - req.at;
  s.responseMs += response;
  s.maxResponseMs = Math.max(s.maxResponseMs, response);
  const next = s.waiting.shift();
  if (next) take(w, s, next);
  handlers.get(kind)!(w, ref, req.at);
}

/** The `supervision` KPI section: decisions made, how long requesters waited, how busy supervisors were. */
export function supervisionKpis(w: World): Record<string, unknown> | null {
  const s = supervision.peek(w);
  if (!s) return null;
  const n = Object.values(s.decided).reduce((a, b) => a + b, 0);
  const sec = (ms: number): number => Math.round(ms) / 1000;
  const capacityMs = w.scenario.people.supervisors * w.now;
  return {
    supervisors: w.scenario.people.supervisors,
    decisions: n,
    decidedByKind: { ...s.decided },
    waiting: s.waiting.length,
    deciding: s.deciding.length,
    /** Mean and maximum time from request to decision (queue plus deciding), seconds. */
    meanResponseS: n > 0 ? sec(s.responseMs / n) : null,
    maxResponseS: n > 0 ? sec(s.maxResponseMs) : null,
    /** Mean time a request waited for a free supervisor, seconds. */
    meanQueuedS: n > 0 ? sec(s.queuedMs / n) : null,
    utilisation: capacityMs > 0 ? Math.round((s.busyMs / capacityMs) * 1e4) / 1e4 : null,
  };
}
