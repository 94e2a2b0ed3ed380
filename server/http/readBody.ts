import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpErrors.ts';

/** Largest request body accepted by default: scenarios are small documents. */
export const DEFAULT_BODY_LIMIT = 1 << 20;

/**
 * Longest pause between two body chunks. A client that stops sending holds its buffered bytes:
 * 200 stalled 1 MB uploads pinned 183 MB for 300 s (Node's request timeout) before this.
 */
export const BODY_IDLE_TIMEOUT_MS = 5_000;

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes with 413 as soon as the
 * declared length or the bytes received exceed it (the rest is not buffered), and answering 408
 * when no byte arrives for `idleMs`.
 */
export function readBody(
  req: IncomingMessage,
  limit: number = DEFAULT_BODY_LIMIT,
  idleMs: number = BODY_IDLE_TIMEOUT_MS,
): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let idle: NodeJS.Timeout | null = null;
    const arm = (): void => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        if (done) return;
        done = true;
        chunks.length = 0;
        reject(new HttpError(408, `request body stalled: no data for ${idleMs} ms`));
      }, idleMs);
    };
    const disarm = (): void => {
      if (idle) clearTimeout(idle);
      idle = null;
    };
    arm();
    req.on('close', disarm);
    req.on('data', (c: Buffer) => {
      if (done) return;
      arm();
      size += c.length;
      if (size > limit) {
        done = true;
        disarm();
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      disarm();
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      disarm();
      if (!done) reject(err);
    });
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body larger than ${limit} bytes`);
}
