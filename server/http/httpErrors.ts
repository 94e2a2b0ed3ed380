import type { ServerResponse } from 'node:http';

/** An HTTP failure with a status and a JSON body; route handlers throw it, the router answers it. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  /** `body` is sent as JSON; it defaults to `{ error: message }`. */
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = { error: message },
  ) {
    super(message);
  }
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2) + '\n';
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
