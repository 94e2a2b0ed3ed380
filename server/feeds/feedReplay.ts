import { readFileSync } from 'node:fs';

/** What `bintwin feed` replays and where. */
export interface ReplayOptions {
  file: string;
  url: string;
  /** 1 = real time; Infinity = as fast as the server acknowledges. */
  speed: number;
  batch: number;
  token?: string;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

/** Counts of a replay. */
export interface ReplayStats {
  sent: number;
  accepted: number;
  duplicates: number;
  refused: number;
}

interface Item {
  at: number;
  path: string;
  body: unknown;
}

/** Reads a feed file: an EPCIS document (its events) or NDJSON scans; throws with the line that is wrong. */
export function readFeed(file: string): Item[] {
  const text = readFileSync(file, 'utf8');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    const doc = JSON.parse(text) as {
      '@context'?: unknown;
      epcisBody?: { eventList?: Record<string, unknown>[] };
    };
    const events = doc.epcisBody?.eventList;
    if (!Array.isArray(events)) throw new Error(`${file}: not an EPCIS document (no epcisBody.eventList)`);
    return events.map((e) => ({
      at: Date.parse(String(e['eventTime'])),
      path: '/epcis/events',
      body: { '@context': doc['@context'], ...e },
    }));
  }
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      const s = JSON.parse(line) as { deviceTime?: unknown };
      return [{ at: Date.parse(String(s.deviceTime)), path: '/api/scans', body: s }];
    } catch (err) {
      throw new Error(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  });
}

/** Replays a feed file against a server and returns the exit code (0 when nothing was refused). */
export async function replayFeed(o: ReplayOptions): Promise<number> {
  const say = o.progress ?? ((l: string) => process.stderr.write(l + '\n'));
  const items = readFeed(o.file);
  const stats = await replayItems(items, o, say);
  say(
    `done: ${stats.sent} sent, ${stats.accepted} accepted, ${stats.duplicates} already there, ${stats.refused} refused`,
  );
  return stats.refused > 0 ? 1 : 0;
}

/** Sends items in order, paced by their timestamps at the given speed. */
export async function replayItems(
  items: Item[],
  o: ReplayOptions,
  say: (l: string) => void,
): Promise<ReplayStats> {
  const stats: ReplayStats = { sent: 0, accepted: 0, duplicates: 0, refused: 0 };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.token) headers['authorization'] = `Bearer ${o.token}`;
  const t0 = Date.now();
  const first = items.find((x) => Number.isFinite(x.at))?.at ?? 0;
  let lastReport = 0;
  for (let i = 0; i < items.length;) {
    const it = items[i]!;
    if (Number.isFinite(o.speed) && Number.isFinite(it.at)) {
      const due = t0 + (it.at - first) / o.speed;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    // Scans at full speed go in batches (one request, one durable acknowledgement).
    let group = [it];
    if (it.path === '/api/scans' && !Number.isFinite(o.speed)) {
      group = items.slice(i, i + o.batch).filter((x) => x.path === '/api/scans');
    }
    i += group.length;
    const body = group.length === 1 ? group[0]!.body : { scans: group.map((g) => g.body) };
    let res: Response;
    try {
      res = await fetch(o.url.replace(/\/$/, '') + it.path, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new Error(`cannot reach ${o.url}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    stats.sent += group.length;
    const text = await res.text();
    if (res.status === 409) stats.duplicates++;
    else if (res.status >= 400) {
      stats.refused += group.length;
      say(`refused (${res.status}) item ${i}: ${text.slice(0, 300)}`);
      if (res.status === 401) throw new Error(`the server refused the token (401): ${text.trim()}`);
    } else {
      const parsed = JSON.parse(text) as { duplicate?: boolean; results?: { duplicate?: boolean }[] };
      for (const r of parsed.results ?? [parsed]) {
        if (r.duplicate) stats.duplicates++;
        else stats.accepted++;
      }
    }
    if (stats.sent - lastReport >= Math.max(100, items.length / 20) || i >= items.length) {
      lastReport = stats.sent;
      say(`${stats.sent}/${items.length} sent (${Math.round((100 * stats.sent) / items.length)}%)`);
    }
  }
  return stats;
}
