import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '../http/staticFiles.ts';
import { round, type BenchCase } from './benchCase.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/client/', import.meta.url));
const CHROMIUM = process.env['BINTWIN_CHROMIUM'] ?? '/usr/bin/chromium';
/** Software WebGL in a container (STACK-NOTES.md): figures are relative, not a GPU's. */
const ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SIZES = [5_000, 50_000, 200_000] as const;

/** What the bench page (client/bench/benchApp.ts) leaves on `window.__bench`. */
interface PageResult {
  meanFrameMs: number;
  p95FrameMs: number;
  staticFrameMs: number;
  repaintMs: number;
  buildMs: number;
  renderer: string;
}

/**
 * Floor view frame time in headless Chromium: builds the client, serves it, and opens the bench
 * page for 5k, 50k and 200k bins with 300 moving workers. Each frame is rendered and read back
 * (one pixel) so GPU work is inside the figure. SwiftShader runs WebGL on the CPU: compare
 * figures with each other, not with a laptop GPU.
 */
export const clientCase: BenchCase = {
  name: 'client',
  description: 'floor view frame time in headless Chromium (SwiftShader), 5k/50k/200k bins + 300 workers',
  async run() {
    if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM} (apt-get install -y chromium)`);
    const build = spawnSync(
      process.execPath,
      [`${ROOT}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: 180_000,
      },
    );
    if (build.status !== 0) throw new Error('vite build failed');
    const http: Server = createServer((req, res) => {
      if (!serveStatic(DIST, req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const addr = http.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      timeout: 30_000,
    });
    const out: Record<string, unknown> = {};
    try {
      for (const bins of SIZES) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`http://127.0.0.1:${port}/bench?bins=${bins}`, { timeout: 30_000 });
        await page.waitForFunction('window.__bench || window.__benchError', undefined, { timeout: 180_000 });
        const err = await page.evaluate('window.__benchError');
        if (err) throw new Error(`bench page failed at ${bins} bins: ${String(err)}`);
        const r = (await page.evaluate('window.__bench')) as PageResult;
        const k = `${bins / 1000}k`;
        out[`frameMs_${k}`] = round(r.meanFrameMs, 2);
        out[`p95FrameMs_${k}`] = round(r.p95FrameMs, 2);
        out[`staticFrameMs_${k}`] = round(r.staticFrameMs, 2);
        out[`repaintMs_${k}`] = round(r.repaintMs, 2);
        out[`buildMs_${k}`] = round(r.buildMs, 1);
        out['renderer'] = r.renderer;
        process.stderr.write(`bench client: ${bins} bins: ${r.meanFrameMs} ms/frame\n`);
        await page.close();
      }
    } finally {
      await browser.close();
      await new Promise<void>((r) => http.close(() => r()));
    }
    return { workers: 300, ...out };
  },
};
