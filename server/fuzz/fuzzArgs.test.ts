import { describe, expect, it, vi } from 'vitest';
import { fuzzMain } from './main.ts';

describe('npm run fuzz flags', () => {
  it('answers --help and refuses bad values before starting any server', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await fuzzMain(['--help'])).toBe(0);
      expect(String(out.mock.calls.map((c) => c[0]).join(''))).toContain('--iterations');
      expect(await fuzzMain(['--seconds', '0'])).toBe(2);
      expect(await fuzzMain(['--iterations', '1.5'])).toBe(2);
      expect(await fuzzMain(['--sed', 'x'])).toBe(2);
      const said = err.mock.calls.map((c) => String(c[0])).join('');
      expect(said).toContain('--seconds "0"');
      expect(said).toContain('--iterations "1.5"');
      expect(said).toContain("unknown option '--sed'");
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
