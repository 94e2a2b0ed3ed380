import type { IncomingMessage, ServerResponse } from 'node:http';
import bwipjs from 'bwip-js/node';
import { kitBins, kitItems, type KitLabel } from '../../sim/handheldApi.ts';
import type { FeedRoute } from '../feeds/feedRoute.ts';
import { HttpError } from '../http/httpErrors.ts';
import type { LiveRunner } from '../live/runner.ts';

/** Labels per printed page (A4: 3 across, 8 down). */
export const LABELS_PER_PAGE = 24;

/** The barcode a label prints as: Code 128 for a bin label, GS1-128 and GS1 DataMatrix for an item. */
export function labelSvgs(l: KitLabel): string[] {
  if (l.kind === 'bin')
    return [bwipjs.toSVG({ bcid: 'code128', text: l.data, height: 14, includetext: true })];
  const ai = `(01)${l.gtin ?? ''}${l.lot ? `(10)${l.lot}` : ''}`;
  return [
    bwipjs.toSVG({ bcid: 'gs1-128', text: ai, height: 12, includetext: true }),
    bwipjs.toSVG({ bcid: 'gs1datamatrix', text: ai, scale: 2 }),
  ];
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One printable sheet of labels, with links to the previous and next sheets. */
export function kitPage(
  title: string,
  labels: readonly KitLabel[],
  page: number,
  pages: number,
  base: string,
): string {
  const cells = labels
    .map(
      (l) =>
        `<figure class="label ${l.kind}">${labelSvgs(l).join('')}<figcaption>${esc(l.title)}</figcaption></figure>`,
    )
    .join('\n');
  const link = (p: number, text: string): string =>
    p >= 1 && p <= pages ? `<a href="${esc(`${base}page=${p}`)}">${text}</a>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1cm}
nav{margin-bottom:.5cm}nav a{margin-right:1em}
.sheet{display:grid;grid-template-columns:repeat(3,1fr);gap:.4cm}
.label{border:1px dashed #999;padding:.2cm;margin:0;break-inside:avoid;text-align:center}
.label svg{max-width:100%;height:auto;max-height:2.6cm}
.label.item svg:last-of-type{max-height:1.8cm}
figcaption{font-size:11pt;font-weight:600}
@media print{nav{display:none}body{margin:.5cm}}
</style></head><body>
<nav><strong>${esc(title)}</strong> — sheet ${page} of ${pages} ${link(page - 1, '‹ previous')} ${link(page + 1, 'next ›')}</nav>
<main class="sheet">
${cells}
</main></body></html>
`;
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://x').searchParams;
}

function pageOf(q: URLSearchParams, total: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / LABELS_PER_PAGE));
  const raw = q.get('page') ?? '1';
  if (!/^\d{1,5}$/.test(raw)) throw new HttpError(400, `page: "${raw.slice(0, 20)}" is not a page number`);
  const page = Number(raw);
  if (page < 1 || page > pages) throw new HttpError(404, `page ${page}: there are ${pages} sheets`);
  return { page, pages };
}

/**
 * The floor kit for a classroom: printable sheets of bin labels (`/kit/bins?zone=A`) and item
 * labels (`/kit/items`: one per item and lot physically on the floor), real barcodes a
 * keyboard-wedge scanner reads into the `/rf` handheld. Open like the floor view: the same
 * bins and items its bin inspector shows anyone.
 */
export function kitRoutes(runner: LiveRunner): FeedRoute[] {
  return [
    [
      'GET',
      /^\/kit\/bins$/,
      (req, res) => {
        const q = query(req);
        const zone = q.get('zone') ?? undefined;
        if (zone !== undefined && !/^[A-Za-z0-9_-]{1,20}$/.test(zone))
          throw new HttpError(400, `zone: "${zone.slice(0, 20)}" is not a zone id`);
        const all = runner.read((e) => kitBins(e, zone));
        if (all.length === 0) throw new HttpError(404, `no bins${zone ? ` in zone ${zone}` : ''}`);
        const { page, pages } = pageOf(q, all.length);
        const slice = all.slice((page - 1) * LABELS_PER_PAGE, page * LABELS_PER_PAGE);
        const base = `/kit/bins?${zone ? `zone=${encodeURIComponent(zone)}&` : ''}`;
        sendHtml(res, kitPage(`Bin labels${zone ? `, zone ${zone}` : ''}`, slice, page, pages, base));
      },
    ],
    [
      'GET',
      /^\/kit\/items$/,
      (req, res) => {
        const q = query(req);
        const all = runner.read((e) => kitItems(e));
        const { page, pages } = pageOf(q, all.length);
        const slice = all.slice((page - 1) * LABELS_PER_PAGE, page * LABELS_PER_PAGE);
        sendHtml(res, kitPage('Item labels', slice, page, pages, '/kit/items?'));
      },
    ],
  ];
}
