import { MAX_SPEED, MIN_SPEED } from '../../sim/view/protocol.ts';
import { usageError } from './cliError.ts';

/** `bintwin serve` flags as commander hands them over. */
export interface RawServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  speed?: string;
  seed?: string;
  until?: string;
  paused?: boolean;
  checkpointMinutes?: string;
  rewindMinutes?: string;
  newRun?: boolean;
  mirror?: string;
  layout?: string;
  items?: string;
  stock?: string;
  orders?: string;
  allowOrigin?: string[];
  tlsCert?: string;
  tlsKey?: string;
}

/** Validated serve settings. */
export interface ServeFlags {
  port: number;
  host: string;
  dataDir: string;
  speed: number | 'max';
  seed?: string;
  until: number | null;
  paused: boolean;
  checkpointEveryMs: number;
  /** Sim ms between rewind points, or null for none (the default). */
  rewindEveryMs: number | null;
  newRun: boolean;
  /** `--mirror <site>` with its import files. */
  mirror?: { site: string; layout: string; items: string; stock: string; orders?: string };
  /** Extra browser origins allowed to open sockets. */
  allowOrigins: string[];
  /** HTTPS/WSS certificate and key (PEM files). */
  tls?: { cert: string; key: string };
}

/** Defaults: port 8080 on all interfaces, ./data, ×60, a checkpoint every 10 sim minutes. */
export const SERVE_DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: 'data',
  speed: 60,
  checkpointMinutes: 10,
};

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Parses a sim duration: `90m`, `2h`, `1.5d`, `3600s`, or plain milliseconds. */
export function parseSimDuration(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h|d)?$/.exec(raw.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1));
}

/** Validates flags (falling back to BINTWIN_PORT / BINTWIN_HOST / BINTWIN_DATA_DIR), naming every problem at once. */
export function parseServeFlags(
  raw: RawServeFlags,
  env: Record<string, string | undefined> = process.env,
): ServeFlags {
  const problems: string[] = [];
  const portRaw = raw.port ?? env['BINTWIN_PORT'];
  const port = portRaw === undefined ? SERVE_DEFAULTS.port : Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(
      `${raw.port !== undefined ? '--port' : 'BINTWIN_PORT'} must be a port number 0-65535, got ${JSON.stringify(portRaw)}`,
    );
  }
  const host = raw.host ?? env['BINTWIN_HOST'] ?? SERVE_DEFAULTS.host;
  if (host.trim() === '') problems.push('--host must not be empty');
  const dataDir = raw.dataDir ?? env['BINTWIN_DATA_DIR'] ?? SERVE_DEFAULTS.dataDir;
  if (dataDir.trim() === '') problems.push('--data-dir must not be empty');
  let speed: number | 'max' = SERVE_DEFAULTS.speed;
  if (raw.speed !== undefined) {
    if (raw.speed === 'max') speed = 'max';
    else {
      const s = Number(raw.speed.replace(/^[x×]/, ''));
      if (!Number.isFinite(s) || s < MIN_SPEED || s > MAX_SPEED) {
        problems.push(`--speed must be ${MIN_SPEED}…${MAX_SPEED} or "max", got ${JSON.stringify(raw.speed)}`);
      } else speed = s;
    }
  }
  let until: number | null = null;
  if (raw.until !== undefined) {
    until = parseSimDuration(raw.until);
    if (until === null)
      problems.push(`--until must be a sim time like 90m, 8h or 2d, got ${JSON.stringify(raw.until)}`);
  }
  let checkpointEveryMs = SERVE_DEFAULTS.checkpointMinutes * 60_000;
  if (raw.checkpointMinutes !== undefined) {
    const c = Number(raw.checkpointMinutes);
    if (!Number.isFinite(c) || c <= 0)
      problems.push(
        `--checkpoint-minutes must be a positive number, got ${JSON.stringify(raw.checkpointMinutes)}`,
      );
    else checkpointEveryMs = Math.round(c * 60_000);
  }
  let rewindEveryMs: number | null = null;
  if (raw.rewindMinutes !== undefined) {
    const c = Number(raw.rewindMinutes);
    if (!Number.isFinite(c) || c <= 0)
      problems.push(`--rewind-minutes must be a positive number, got ${JSON.stringify(raw.rewindMinutes)}`);
    else rewindEveryMs = Math.round(c * 60_000);
  }
  if (raw.seed !== undefined && raw.seed.trim() === '') problems.push('--seed must not be empty');
  const imports = { layout: raw.layout, items: raw.items, stock: raw.stock };
  if (raw.mirror !== undefined) {
    if (raw.mirror.trim() === '') problems.push('--mirror needs a site name');
    for (const [k, v] of Object.entries(imports))
      if (v === undefined) problems.push(`--mirror needs --${k} <file>`);
  } else if (Object.values(imports).some((v) => v !== undefined) || raw.orders !== undefined)
    problems.push('--layout, --items, --stock and --orders go with --mirror <site>');
  const allowOrigins = raw.allowOrigin ?? [];
  for (const o of allowOrigins)
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/i.test(o.trim().replace(/\/+$/, '')))
      problems.push(
        `--allow-origin must be an origin like https://wall.example.com or *, got ${JSON.stringify(o)}`,
      );
  const tlsCert = raw.tlsCert ?? env['BINTWIN_TLS_CERT'];
  const tlsKey = raw.tlsKey ?? env['BINTWIN_TLS_KEY'];
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    problems.push('--tls-cert and --tls-key go together (PEM certificate and private key)');
  if (problems.length > 0) throw usageError(problems.join('; '));
  return {
    port,
    host,
    dataDir,
    speed,
    ...(raw.seed === undefined ? {} : { seed: raw.seed }),
    until,
    paused: raw.paused === true,
    checkpointEveryMs,
    rewindEveryMs,
    newRun: raw.newRun === true,
    ...(raw.mirror !== undefined
      ? {
          mirror: {
            site: raw.mirror,
            layout: raw.layout!,
            items: raw.items!,
            stock: raw.stock!,
            ...(raw.orders !== undefined ? { orders: raw.orders } : {}),
          },
        }
      : {}),
    allowOrigins,
    ...(tlsCert !== undefined && tlsKey !== undefined ? { tls: { cert: tlsCert, key: tlsKey } } : {}),
  };
}
