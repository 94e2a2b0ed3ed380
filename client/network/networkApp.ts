import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import {
  PROTOCOL_VERSION,
  ServerEvent,
  type ClientToServerEvents,
  type NetworkMessage,
  type ServerToClientEvents,
  type WelcomeMessage,
} from '../../sim/view/protocol.ts';
import type { NetworkView } from '../../sim/viewApi.ts';
import { BACKOFF } from '../net/liveLink.ts';
import { h } from '../ui/dom.ts';
import { mapLayout } from './networkMap.ts';
import { laneText, networkFigures, simStamp, siteHref, tileFigures } from './networkModel.ts';

const TOKEN_KEY = 'bintwin.token';
const SVG = 'http://www.w3.org/2000/svg';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`network.html has no #${id}`);
  return el;
};

/** What the page has seen, for the e2e tests (`window.__network`). */
const seen = { overviews: 0, last: null as NetworkView | null, welcome: null as WelcomeMessage | null };

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Redraws the page from one overview: KPI strip, a tile per site (a link to its floor view), the lanes. */
function render(v: NetworkView): void {
  byId('title').textContent = `${v.network} · ${v.sites.length} sites`;
  byId('clock').textContent = simStamp(v.simTime);
  byId('kpis').replaceChildren(
    ...networkFigures(v.kpis).map((f) =>
      h(
        'div',
        { class: 'kpi', 'data-kpi': f.id },
        h('div', { class: 'label' }, f.label),
        h('div', { class: 'value' }, f.text),
      ),
    ),
  );
  byId('sites').replaceChildren(
    ...v.sites.map((t) =>
      h(
        'a',
        { class: 'tile', href: siteHref(t.id), 'data-site': t.id, 'data-testid': 'site-tile' },
        h('h2', {}, t.id, h('span', { class: 'role' }, t.role === 'dc' ? 'DC' : 'branch')),
        t.description ? h('p', { class: 'desc' }, t.description) : null,
        h(
          'dl',
          {},
          ...tileFigures(t).flatMap((f) => [h('dt', {}, f.label), h('dd', { 'data-fig': f.id }, f.text)]),
        ),
      ),
    ),
  );
  byId('lanes').replaceChildren(
    ...v.lanes.map((l) =>
      h('li', { class: l.transfers > 0 ? 'busy' : 'empty', 'data-lane': `${l.from}>${l.to}` }, laneText(l)),
    ),
  );
  const { nodes, edges } = mapLayout(v);
  const map = byId('map');
  map.replaceChildren(
    ...edges.map((e) =>
      svg('line', {
        class: e.busy ? 'lane busy' : 'lane',
        x1: e.from.x,
        y1: e.from.y,
        x2: e.to.x,
        y2: e.to.y,
        'stroke-width': e.busy ? 3 : 1,
      }),
    ),
    ...edges
      .filter((e) => e.busy)
      .map((e) =>
        svg(
          'text',
          { x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2 - 4, 'text-anchor': 'middle' },
          e.label,
        ),
      ),
    ...nodes.flatMap((n) => {
      const a = document.createElementNS(SVG, 'a');
      a.setAttribute('href', siteHref(n.id));
      a.append(
        svg('circle', { class: 'node', cx: n.x, cy: n.y, r: n.role === 'dc' ? 22 : 16 }),
        svg('text', { x: n.x, y: n.y + 4, 'text-anchor': 'middle' }, n.id),
      );
      return [a];
    }),
  );
}

/**
 * The network overview page (`/network`): joins the server's `network` room and redraws on each
 * `network.overview` (about once a second). The first picture comes from `GET /api/network`, so
 * a slow socket still shows numbers; a single-site server answers 404 there and the page says so.
 */
async function main(): Promise<void> {
  const q = new URLSearchParams(window.location.search);
  const token = q.get('token') || localStorage.getItem(TOKEN_KEY);
  (window as unknown as { __network: typeof seen }).__network = seen;
  const status = byId('link');
  try {
    const res = await fetch('/api/network');
    if (res.status === 404) {
      byId('sites').replaceChildren(
        h(
          'p',
          { class: 'notice' },
          'This server runs a single site, not a network. ',
          h('a', { href: '/' }, 'Open its floor view.'),
        ),
      );
      status.textContent = 'not a network run';
      return;
    }
    if (res.ok && !seen.last) render((await res.json()) as NetworkView);
  } catch {
    // The socket below brings the overview as well.
  }
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(window.location.origin, {
    parser: msgpackParser,
    transports: ['websocket'],
    auth: { network: true, ...(token ? { token } : {}) },
    ...BACKOFF,
  });
  socket.on('connect', () => (status.textContent = 'live'));
  socket.on('disconnect', () => (status.textContent = 'reconnecting…'));
  socket.on(
    'connect_error',
    (err: Error) => (status.textContent = socket.active ? 'reconnecting…' : `refused: ${err.message}`),
  );
  socket.on(ServerEvent.welcome, (m: WelcomeMessage) => (seen.welcome = m));
  socket.on(ServerEvent.network, (m: NetworkMessage) => {
    if (m.v !== PROTOCOL_VERSION) return;
    seen.overviews++;
    seen.last = m.view;
    render(m.view);
  });
}

void main();
