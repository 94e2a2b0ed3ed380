/** Checks that `url` is a `redis://` or `rediss://` URL; throws a message naming the flag otherwise. */
export function checkRedisUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis must be a URL such as redis://127.0.0.1:6379, got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(`--redis must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
}
