import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpErrors.ts';

/** Largest request body accepted by default: scenarios are small documents. */
export const DEFAULT_BODY_LIMIT = 1 << 20;

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes with 413 as soon as the
 * declared length or the bytes received exceed it (the rest is not buffered).
 */
export function readBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body larger than ${limit} bytes`);
}
