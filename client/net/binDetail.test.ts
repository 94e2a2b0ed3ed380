import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchBinDetail } from './binDetail.ts';

describe('fetchBinDetail', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stub = (): string[] => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      urls.push(url);
      return Promise.resolve(new Response(JSON.stringify({ code: 'F-01' }), { status: 200 }));
    });
    return urls;
  };

  it('names the site on a network run: the network server needs ?site= for the inspector', async () => {
    const urls = stub();
    const r = await fetchBinDetail('F-01-02-A', null, { site: 'BR1' });
    expect(r.ok).toBe(true);
    expect(urls).toEqual(['/api/bins/F-01-02-A?site=BR1']);
  });

  it('asks without a site on a single-site run', async () => {
    const urls = stub();
    await fetchBinDetail('F-01-02-A', 'tok', { site: null });
    expect(urls).toEqual(['/api/bins/F-01-02-A']);
  });
});
