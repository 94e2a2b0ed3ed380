import { describe, expect, it } from 'vitest';
import { regularizedBeta, studentTCdf, studentTQuantile } from './studentT.ts';

describe('Student t', () => {
  it('matches closed forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995]) {
      // df = 1 is Cauchy: tan(π(p − ½)); df = 2: (2p − 1)/√(2p(1 − p)).
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 11);
    }
  });

  it.each([
    // Two-sided 95% (p = 0.975) points to 10+ digits, as printed in extended t tables (and R's qt).
    [0.975, 3, 3.182446305284263],
    [0.975, 4, 2.776445105197799],
    [0.975, 5, 2.570581835636314],
    [0.975, 10, 2.228138851986274],
    [0.975, 29, 2.045229642132703],
    [0.975, 30, 2.042272456301238],
    [0.975, 100, 1.983971518523552],
    [0.95, 3, 2.353363434801823],
    [0.99, 9, 2.821437925025809],
    [0.995, 4, 4.604094871349992],
  ])('t(%d, %d) = %d', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 10);
    expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
  });

  it('is symmetric, zero at the median, and rejects bad input', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in/);
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom/);
  });

  it('regularized beta has its known values', () => {
    // I_x(1, 1) = x; I_x(2, 3) = Σ_{j=2..4} C(4, j) x^j (1 − x)^(4 − j) = 6x² − 8x³ + 3x⁴.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    const x = 0.4;
    expect(regularizedBeta(x, 2, 3)).toBeCloseTo(6 * x ** 2 - 8 * x ** 3 + 3 * x ** 4, 13);
  });
});
