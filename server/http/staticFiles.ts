import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** True when a built client exists in `dir` (an index.html). */
export function hasClient(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves a file of the built client, falling back to index.html for unknown paths without an
 * extension (client-side routes). Returns false when nothing matched. Paths are resolved inside
 * `dir` only: `..` never escapes it.
 */
export function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const root = resolve(dir);
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = resolve(root, '.' + normalize(urlPath === '/' ? '/index.html' : urlPath));
  if (file !== root && !file.startsWith(root + sep)) return false;
  // A page of its own (`/rf` → rf.html: the handheld, `/trainer` → trainer.html: the console) before the floor view's fallback.
  if (!isFile(file) && extname(urlPath) === '' && isFile(file.replace(/[\\/]+$/, '') + '.html'))
    file = file.replace(/[\\/]+$/, '') + '.html';
  if (!isFile(file)) {
    if (extname(urlPath) !== '') return false;
    file = join(root, 'index.html');
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Hashed asset names never change content; index.html must be revalidated to pick up new builds.
  const cache = file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
  res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': cache });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
