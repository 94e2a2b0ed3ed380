import type { ErrorResponse } from '../../sim/viewApi.ts';
import type { BinDetail } from '../model/binInspector.ts';

/** The answer to a bin detail request: the detail, or why there is none. */
export type BinDetailResult = { ok: true; detail: BinDetail } | { ok: false; note: string };

/**
 * Fetches both ledgers, recent journal events and open tasks of one bin from the server
 * (`GET /api/bins/:code`, see client/NOTES-for-server.md). Bounded by a timeout; a server that
 * does not offer the endpoint yet gives a note instead of an error, and the inspector shows
 * what the view state knows. On a network run the server needs the site (`?site=`).
 */
export async function fetchBinDetail(
  code: string,
  token: string | null,
  opts: { site?: string | null; timeoutMs?: number } = {},
): Promise<BinDetailResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const site = opts.site ? `?site=${encodeURIComponent(opts.site)}` : '';
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(`/api/bins/${encodeURIComponent(code)}${site}`, {
      signal: ctl.signal,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (res.status === 404) {
      const body = (await res.json().catch(() => ({}))) as Partial<ErrorResponse>;
      const missing = typeof body.error === 'string' && body.error.startsWith('no such endpoint');
      return {
        ok: false,
        note: missing
          ? 'Ledger detail is not served yet (needs GET /api/bins/:code).'
          : `Bin ${code} is unknown to the server.`,
      };
    }
    if (!res.ok) return { ok: false, note: `Detail request failed: HTTP ${res.status}.` };
    return { ok: true, detail: (await res.json()) as BinDetail };
  } catch (err) {
    return {
      ok: false,
      note: ctl.signal.aborted ? 'Detail request timed out.' : `Detail request failed: ${String(err)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
