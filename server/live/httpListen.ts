import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';

/** Whole-request limits on the HTTP server (Node's default request timeout is 300 s). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** The port is taken: the one-line message says which and what to do. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** True for wildcard addresses (every interface), where clear text leaves the machine. */
export function isAllInterfaces(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '' || host === '[::]';
}

/** Binds the HTTP server, turning a taken or forbidden port into a PortInUseError (one line). */
export function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      http.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `port ${port} on ${host} is already in use (another bintwin running?); choose one with --port or BINTWIN_PORT`,
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new PortInUseError(
            `no permission to listen on port ${port} on ${host}; use a port above 1023 with --port`,
          ),
        );
      } else reject(err);
    };
    const onListening = (): void => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(port, host);
  });
}

/** Where and how a live server listens (the serve options it reads). */
export interface ListenOptions {
  port: number;
  host: string;
  /** PEM files for HTTPS/WSS; both or neither. */
  tls?: { cert: string; key: string };
}

/** A bound HTTP(S) server of a live server (single site or network) that is still starting. */
export interface BoundServer {
  http: HttpServer;
  /** True when it serves HTTPS/WSS. */
  tls: boolean;
  /** From now on requests go to `handler` (until then every request gets 503 "starting"). */
  serve(handler: RequestListener): void;
  /**
   * Logs that the server is up (its URL: `path` on the bound port) and warns when it serves all
   * interfaces in clear text; returns the bound port.
   */
  announce(log: Logger, fields: Record<string, unknown>, label: string, path: string): number;
}

/**
 * Binds the port first, before any run is created or resumed, so a taken port fails the start
 * with nothing touched; requests meanwhile get 503 with retry-after.
 */
export async function bindServer(o: ListenOptions): Promise<BoundServer> {
  const tls = o.tls ? { cert: readFileSync(o.tls.cert), key: readFileSync(o.tls.key) } : null;
  let handler: RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end('{"error":"starting"}\n');
  };
  const serverOptions = { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS };
  const http: HttpServer = tls
    ? createTlsServer({ ...serverOptions, ...tls }, (req, res) => handler(req, res))
    : createServer(serverOptions, (req, res) => handler(req, res));
  await listen(http, o.port, o.host);
  return {
    http,
    tls: tls !== null,
    serve: (h) => (handler = h),
    announce: (log, fields, label, path) => {
      const addr = http.address();
      const port = typeof addr === 'object' && addr ? addr.port : o.port;
      const shown = o.host === '0.0.0.0' ? 'localhost' : o.host;
      log.info(
        { port, host: o.host, tls: tls !== null, ...fields },
        `${label} on ${tls ? 'https' : 'http'}://${shown}:${port}${path}`,
      );
      if (!tls && isAllInterfaces(o.host))
        log.warn(
          { host: o.host },
          'serving on all interfaces without TLS: tokens and data cross the network in clear text; use --tls-cert/--tls-key, a TLS reverse proxy, or --host 127.0.0.1',
        );
      return port;
    },
  };
}

/** The shutdown step of a live server: every socket disconnected, then the socket server closed. */
export async function closeStream(io: Server): Promise<void> {
  io.disconnectSockets(true);
  await new Promise<void>((r) => void io.close(() => r()));
}
