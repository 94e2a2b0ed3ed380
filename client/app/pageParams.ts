/** What the page was opened for, from its URL. */
export interface PageParams {
  mode: 'floor' | 'wall' | 'bench';
  /** Zone to show (wall screens), or null for the whole site. */
  zone: string | null;
  /** Zones to cycle through on a wall screen (`zones=F,R,C` or `cycle=all`), empty for none. */
  cycle: string[] | 'all';
  /** Seconds per zone when cycling. */
  cycleSeconds: number;
  token: string | null;
  site: string | null;
  /** Bench: how many synthetic bins to draw. */
  benchBins: number;
}

/**
 * Reads the page parameters. `/wall` (or `wall.html`, or `?mode=wall`) is the wall screen;
 * `/bench` the frame-time page; anything else the floor view. The token may also come from
 * localStorage so a trainer does not paste it into every URL.
 */
export function readPageParams(
  loc: { pathname: string; search: string },
  stored: string | null = null,
): PageParams {
  const q = new URLSearchParams(loc.search);
  const path = loc.pathname.replace(/\/+$/, '');
  const mode = q.get('mode');
  const isWall = mode === 'wall' || path.endsWith('/wall') || path.endsWith('/wall.html');
  const isBench = mode === 'bench' || path.endsWith('/bench');
  const cycleRaw = q.get('cycle') ?? q.get('zones');
  const seconds = Number(q.get('cycleSeconds') ?? q.get('every') ?? '30');
  const bins = Number(q.get('bins') ?? '50000');
  return {
    mode: isBench ? 'bench' : isWall ? 'wall' : 'floor',
    zone: q.get('zone') || null,
    cycle: cycleRaw === 'all' ? 'all' : cycleRaw ? cycleRaw.split(',').filter(Boolean) : [],
    cycleSeconds: Number.isFinite(seconds) && seconds >= 5 ? seconds : 30,
    token: q.get('token') || stored,
    site: q.get('site') || null,
    benchBins: Number.isInteger(bins) && bins > 0 && bins <= 1_000_000 ? bins : 50_000,
  };
}
