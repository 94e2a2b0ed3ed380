import { Priority } from '../../sim/engine/eventKinds.ts';
import type { Job } from '../../sim/engine/job.ts';
import type { World } from '../../sim/engine/world.ts';
import { dispatch } from '../../sim/engine/workerFlow.ts';
import { audit } from './auditState.ts';

/** Minutes between two audits falling due. */
export const AUDIT_EVERY_MS = 20 * 60_000;
/** Time at the bin to sign an audit off. */
const AUDIT_WORK_MS = 45_000;

/** The example flow's handlers: a timer, a work source, a step action, a KPI section, a view part. */
export const auditFlow = audit.flow({
  start(w) {
    if (w.tracked) w.queue.push(AUDIT_EVERY_MS, Priority.arrival, audit.ev.auditDue);
  },
  events: {
    auditDue: (w) => {
      raise(w);
      w.queue.push(w.now + AUDIT_EVERY_MS, Priority.arrival, audit.ev.auditDue);
      dispatch(w);
    },
  },
  sources: [{ role: 'auditor', priority: 0, next: nextAudit }],
  actions: {
    auditAtBin: (w, _worker, _job, st) => {
      const s = audit.state(w);
      const doc = s.open[st.arg]!;
      delete s.open[st.arg];
      s.done++;
      s.waitMs += w.now - doc.at;
    },
  },
  kpis(w) {
    const s = audit.peek(w);
    if (!s) return null;
    return { raised: s.raised, done: s.done, open: Object.keys(s.open).length, waitMs: s.waitMs };
  },
  view: {
    binTasks(w, bin, workerOf) {
      return Object.entries(audit.peek(w)?.open ?? {})
        .filter(([, d]) => d.bin === bin)
        .map(([id, d]) => ({
          id: `AUD-${id}`,
          kind: 'audit',
          state: d.auditor < 0 ? 'queued' : 'walking',
          worker: workerOf('audit', id),
        }));
    },
  },
});

/** Opens an audit of a storage bin drawn from the flow's own random stream. */
function raise(w: World): void {
  const bins = w.site.layout!.bins.filter((b) => w.site.pickable(b.code));
  const rng = w.random.stream('audit');
  const bin = bins[Math.floor(rng() * bins.length)]!.index;
  const s = audit.state(w);
  const id = ++s.nextId;
  s.open[id] = { bin, at: w.now, auditor: -1 };
  s.queue.push(id);
  s.raised++;
}

function nextAudit(w: World, worker: { index: number }): Job | null {
  const s = audit.state(w);
  const id = s.queue.shift();
  if (id === undefined) return null;
  const doc = s.open[id]!;
  doc.auditor = worker.index;
  const at = w.site.binPoint(doc.bin);
  return {
    id: ++w.counters.job,
    kind: 'audit',
    steps: [
      {
        action: audit.act.auditAtBin,
        arg: id,
        x: at.x,
        y: at.y,
        legM: -1,
        workMs: AUDIT_WORK_MS,
        workAs: 'audit',
      },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}
