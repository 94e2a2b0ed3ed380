import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLog, startTestServer } from './testServer.ts';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('TLS and the clear-text warning (issue 11, finding 9)', () => {
  it.skipIf(!hasOpenssl)(
    'serves HTTPS with --tls-cert/--tls-key (a self-signed certificate made here)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bintwin-tls-'));
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ]),
        { stdio: 'ignore' },
      );
      const t = await startTestServer(undefined, { options: { tls: { cert, key } } });
      try {
        expect(t.url.startsWith('https://')).toBe(true);
        const body = await new Promise<string>((resolve, reject) => {
          get(`${t.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
            let s = '';
            res.on('data', (c: Buffer) => (s += c.toString()));
            res.on('end', () => resolve(s));
          }).on('error', reject);
        });
        expect(JSON.parse(body)).toMatchObject({ ok: true });
      } finally {
        await t.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('warns at start-up when serving on all interfaces without TLS, not on loopback', async () => {
    const all = captureLog();
    const t = await startTestServer(undefined, { log: all.log, options: { host: '0.0.0.0' } });
    await t.stop();
    expect(all.lines.some((l) => /all interfaces without TLS/.test(String(l['msg'])))).toBe(true);
    const lo = captureLog();
    const t2 = await startTestServer(undefined, { log: lo.log });
    await t2.stop();
    expect(lo.lines.some((l) => /without TLS/.test(String(l['msg'])))).toBe(false);
  });
});
