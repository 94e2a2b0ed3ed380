import { describe, expect, it } from 'vitest';
import type { Worker } from './entities.ts';
import { mheBin } from './mheBin.ts';

const worker = (index: number, code: string): Worker => ({ index, code }) as Worker;

describe('mheBin', () => {
  it('names the truck after its worker, whatever index order the workers come in', () => {
    expect(mheBin(worker(3, 'fork-04'))).toBe('MHE-fork-04');
    expect(mheBin(worker(0, 'fork-01'))).toBe('MHE-fork-01');
    expect(mheBin(worker(3, 'fork-04'))).toBe('MHE-fork-04');
  });

  it('follows a different worker at the same index (another world shares the cache)', () => {
    expect(mheBin(worker(1, 'reach-02'))).toBe('MHE-reach-02');
    expect(mheBin(worker(1, 'fork-09'))).toBe('MHE-fork-09');
    expect(mheBin(worker(1, 'reach-02'))).toBe('MHE-reach-02');
  });
});
