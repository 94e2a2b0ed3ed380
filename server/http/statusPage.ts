/** Escapes text for HTML. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page served at `/` while no built client exists (dist/client): the run and its KPIs as
 * JSON, refreshed every 5 s, so `npm start` shows something useful before the client is built.
 */
export function statusPage(status: unknown, kpis: unknown): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>bintwin live</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}pre{background:#f4f4f4;padding:1em;overflow:auto}</style>
</head><body>
<h1>bintwin live server</h1>
<p>The floor view is not built yet (no <code>dist/client</code>). Viewers connect with Socket.IO at
<code>/socket.io</code>; see <a href="/api/runs">/api/runs</a>, <a href="/api/scenarios">/api/scenarios</a>, <a href="/healthz">/healthz</a>.</p>
<h2>Run</h2><pre>${esc(JSON.stringify(status, null, 2))}</pre>
<h2>KPIs</h2><pre>${esc(JSON.stringify(kpis, null, 2))}</pre>
</body></html>
`;
}
