/** What the fuzz needs to know about the site and the server under test. */
export interface FeedFuzzOptions {
  seed: number;
  count: number;
  /** Wall-clock ms (Date.now) after which no more inputs are sent (default: none). */
  deadline?: number;
  /** Requests in flight at once (default 4); inputs are the same sequence for any value. */
  concurrency?: number;
  baseUrl: string;
  /** A device token allowed every scan step and `epcis` (device id `fz`). */
  token: string;
  /** Valid EPCIS documents (text) to mutate. */
  epcisSeeds: string[];
  bins: string[];
  gtins: string[];
  /** In-process checks, when the server runs in the same process. */
  inspect?: {
    /** Whether the journal on disk folds to the system ledger. */
    ledgerMatches: () => Promise<boolean> | boolean;
    /** Whether an acknowledged key is in the feed log. */
    logged: (key: string) => boolean;
    /** Server heap in bytes. */
    heapBytes: () => number;
  };
  say?: (line: string) => void;
}

/** What the fuzz found: every count should be 0. */
export interface FeedFuzzReport {
  sent: number;
  /** Requests that got no answer (connection reset: the server died or dropped it). */
  crashes: number;
  fiveXx: number;
  /** Refusals without an `error` field, or failed scans without a reason. */
  unexplained: number;
  /** 1 when the journal does not fold to the ledger (something half-applied). */
  halfApplied: number;
  /** Acknowledged messages missing from the feed log. */
  missingAcks: number;
  /** Heap growth over the run, MB, as `inspect.heapBytes` measures it (after a GC when it forces one). */
  memoryGrowthMb: number;
  /** The first few failures, for a replay. */
  samples: string[];
}

/** Seeded PRNG (mulberry32): the same seed gives the same inputs, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sends `count` seeded, mutated inputs to POST /api/scans, /epcis/events and /epcis/capture
 * (byte edits, deep nesting, long strings, reused ids with other content) and reports crashes,
 * 5xx answers, unexplained refusals, half-applied transactions, acknowledged messages missing
 * from the log, and heap growth. Loopback only: `baseUrl` must be 127.0.0.1 or localhost.
 * `concurrency` requests are in flight at once (fetch keeps the connections alive), so reused
 * ids also race each other.
 */
export async function fuzzFeeds(o: FeedFuzzOptions): Promise<FeedFuzzReport> {
  const host = new URL(o.baseUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    throw new Error(`fuzzFeeds runs against loopback only, not ${host}`);
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rep: FeedFuzzReport = {
    sent: 0,
    crashes: 0,
    fiveXx: 0,
    unexplained: 0,
    halfApplied: 0,
    missingAcks: 0,
    memoryGrowthMb: 0,
    samples: [],
  };
  const fail = (what: string): void => void (rep.samples.length < 10 && rep.samples.push(what.slice(0, 300)));
  const acked: string[] = [];
  const heap0 = o.inspect?.heapBytes() ?? 0;
  const raws = () =>
    pick([
      pick(o.bins),
      `]C101${pick(o.gtins)}10L${Math.floor(r() * 9)}\u001d30${1 + Math.floor(r() * 50)}`,
      `]C100${'0'.repeat(17)}0`,
      `]d2https://id.gs1.org/01/${pick(o.gtins)}`,
      'garbage',
      '',
    ]);
  const mutate = (s: string): string => {
    const chars = [...s];
    const k = 1 + Math.floor(r() * 4);
    for (let i = 0; i < k; i++) {
      const p = Math.floor(r() * chars.length);
      const op = r();
      if (op < 0.35) chars[p] = String.fromCharCode(32 + Math.floor(r() * 95));
      else if (op < 0.6) chars.splice(p, 1);
      else if (op < 0.95) chars.splice(p, 0, pick(['{', '}', '"', ',', ':', '[', ']', '0', 'null']));
      else chars.splice(p, 0, pick(['[', '{"a":']).repeat(20 + Math.floor(r() * 3000)));
    }
    return chars.join('');
  };
  let n = 0;
  // Built in sequence from the seed, whichever worker sends it: a failure replays by seed.
  const next = (): { path: string; body: string; key: string | undefined; proceed: boolean } => {
    let path: string;
    let body: string;
    let key: string | undefined;
    if (r() < 0.6) {
      path = '/api/scans';
      const msg: Record<string, unknown> = {
        device: 'fz',
        user: pick(['u', 'v']),
        role: 'r',
        step: pick(['receive', 'putaway', 'pick', 'replenish', 'move', 'count', 'bogus']),
        raw: r() < 0.02 ? 'x'.repeat(5000 + Math.floor(r() * 10000)) : raws(),
        clientEventId: `f${o.seed}-${n++ % 150}`,
        deviceTime: pick([
          '2024-01-01T00:00:00Z',
          '2023-12-31T23:59:59.999+01:00',
          'yesterday',
          '2099-01-01T00:00:00Z',
        ]),
      };
      if (r() < 0.5) msg['qty'] = pick([1, 5, 12, 0, -3, 1.5, 1e9]);
      key = `scan:fz:${String(msg['clientEventId'])}`;
      body = JSON.stringify(r() < 0.3 ? [msg, { ...msg, clientEventId: `g${o.seed}-${n}` }] : msg);
      if (r() < 0.3) {
        body = mutate(body);
        key = undefined;
      }
    } else {
      const doc = pick(docs);
      if (r() < 0.5) {
        path = '/epcis/events';
        const ev = { ...pick(doc.epcisBody.eventList) };
        if (r() < 0.3)
          ev['eventID'] =
            `urn:uuid:00000000-0000-4000-8000-${String(Math.floor(r() * 50)).padStart(12, '0')}`;
        // The server keys an error declaration apart from the event it corrects.
        if (typeof ev['eventID'] === 'string')
          key = `epcis:${ev['eventID']}${ev['errorDeclaration'] ? '#error' : ''}`;
        body = JSON.stringify(ev);
      } else {
        path = '/epcis/capture';
        body = JSON.stringify(doc);
      }
      if (r() < 0.6) {
        body = mutate(body);
        key = undefined;
      }
    }
    return { path, body, key, proceed: r() < 0.2 };
  };
  const docs = o.epcisSeeds.map(
    (t) => JSON.parse(t) as { epcisBody: { eventList: Record<string, unknown>[] } },
  );
  const deadline = o.deadline ?? Number.POSITIVE_INFINITY;
  const worker = async (): Promise<void> => {
    while (rep.sent < o.count && Date.now() < deadline) {
      const { path, body, key, proceed } = next();
      rep.sent++;
      await sendOne(path, body, key, proceed);
    }
  };
  const sendOne = async (
    path: string,
    body: string,
    key: string | undefined,
    proceed: boolean,
  ): Promise<void> => {
    let res: Response;
    let text: string;
    try {
      res = await fetch(o.baseUrl + path, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${o.token}`,
          ...(proceed ? { 'gs1-capture-error-behaviour': 'proceed' } : {}),
        },
        body,
      });
      text = await res.text();
    } catch (err) {
      rep.crashes++;
      fail(`${path} ${body.slice(0, 150)} -> ${String(err)}`);
      return;
    }
    if (res.status >= 500) {
      rep.fiveXx++;
      fail(`${path} ${body.slice(0, 150)} -> ${res.status} ${text}`);
    } else if (res.status >= 400) {
      let ok: boolean;
      try {
        ok = 'error' in (JSON.parse(text) as object);
      } catch {
        ok = false;
      }
      if (!ok) {
        rep.unexplained++;
        fail(`${path} -> ${res.status} without error: ${text}`);
      }
    } else if (path === '/api/scans') {
      const a = JSON.parse(text) as {
        ok?: boolean;
        reason?: string;
        results?: { ok: boolean; reason?: string }[];
      };
      for (const x of a.results ?? [a])
        if (x.ok === false && !x.reason) {
          rep.unexplained++;
          fail(`scan failed without reason: ${text}`);
        }
      if (key && !a.results) acked.push(key);
    } else if (path === '/epcis/events' && res.status === 201 && key) acked.push(key);
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  if (o.inspect) {
    await new Promise((res) => setTimeout(res, 100));
    if (!(await o.inspect.ledgerMatches())) rep.halfApplied = 1;
    const missing = acked.filter((k) => !o.inspect!.logged(k));
    rep.missingAcks = missing.length;
    for (const k of missing) fail(`acknowledged but not in the log: ${k}`);
    rep.memoryGrowthMb = Math.max(0, (o.inspect.heapBytes() - heap0) / 2 ** 20);
  }
  o.say?.(
    `feed fuzz seed ${o.seed}: ${rep.sent} sent, ${rep.crashes} crashes, ${rep.fiveXx} 5xx, ${rep.unexplained} unexplained, ` +
      `${rep.halfApplied} half-applied, ${rep.missingAcks} acks missing from the log, heap +${rep.memoryGrowthMb.toFixed(1)} MB`,
  );
  return rep;
}
