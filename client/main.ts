import './styles.css';
import { readPageParams } from './app/pageParams.ts';

const TOKEN_KEY = 'bintwin.token';

/**
 * Entry point: one page for the floor view, the wall screen and the bench, chosen by URL. A
 * token given in the URL is remembered (floor view only: wall screens carry theirs in the URL).
 */
async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app element');
  const params = readPageParams(window.location, localStorage.getItem(TOKEN_KEY));
  if (params.mode === 'bench') {
    document.body.classList.add('mode-bench');
    const { runBench } = await import('./bench/benchApp.ts');
    const host = document.createElement('div');
    host.className = 'floor bench';
    root.replaceChildren(host);
    const w = window as unknown as { __bench?: unknown; __benchError?: string };
    try {
      w.__bench = await runBench(host, params.benchBins);
    } catch (err) {
      w.__benchError = String(err);
    }
    return;
  }
  if (params.mode === 'floor' && params.token) localStorage.setItem(TOKEN_KEY, params.token);
  const { TwinApp } = await import('./app/twinApp.ts');
  await TwinApp.start(root, params);
}

void main();
