import type { IncomingMessage } from 'node:http';

/** Environment variable with extra allowed origins, comma-separated (like `--allow-origin`). */
export const ALLOW_ORIGIN_ENV = 'BINTWIN_ALLOW_ORIGIN';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Which browser origins may open a Socket.IO connection (WebSocket or polling). A request
 * without an Origin header is not from a browser page (scanners, node clients) and is allowed:
 * the check exists to stop a foreign web page from riding a viewer's network position
 * (cross-site WebSocket hijacking), which only browsers do and browsers always send Origin.
 * Allowed: the server's own origin (Origin host = Host header), loopback origins, and the
 * listed ones (exact `scheme://host[:port]`, or `*` for any).
 */
export class OriginPolicy {
  private readonly extra: Set<string>;

  /** `allow` are extra origins (`https://wall.example.com`), normalised to lower case without a trailing slash. */
  constructor(allow: readonly string[] = []) {
    this.extra = new Set(allow.map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean));
  }

  /** Parses `--allow-origin` values and the env variable together. */
  static from(flag: readonly string[] = [], env: Record<string, string | undefined> = {}): OriginPolicy {
    return new OriginPolicy([...flag, ...(env[ALLOW_ORIGIN_ENV] ?? '').split(',')]);
  }

  /** The reason a request's Origin is refused, or null when it is allowed. */
  refusal(req: IncomingMessage): string | null {
    const origin = req.headers.origin;
    if (origin === undefined) return null;
    if (this.extra.has('*')) return null;
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return `malformed Origin "${origin.slice(0, 100)}"`;
    }
    if (LOOPBACK.test(u.hostname)) return null;
    if (req.headers.host !== undefined && u.host.toLowerCase() === req.headers.host.toLowerCase())
      return null;
    if (this.extra.has(u.origin.toLowerCase())) return null;
    return `origin ${u.origin} is not allowed (start the server with --allow-origin ${u.origin} to allow it)`;
  }
}
