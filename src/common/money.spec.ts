import { describe, expect, it } from 'vitest';
import { dec, DecimalTransformer, parseDecimal, round2 } from './money';

describe('money', () => {
  it('adds the domain example exactly: 608.00 + 1215.58 + 25.00 = 1848.58, VAT 2.1 % = 38.82', () => {
    const ht = dec('608.00').plus('1215.58').plus('25.00');
    expect(ht.toFixed(2)).toBe('1848.58');
    expect(round2(ht.times('2.1').div(100)).toFixed(2)).toBe('38.82');
    expect(ht.plus('38.82').toFixed(2)).toBe('1887.40');
  });

  it('rounds half up like Odoo (where floats would not)', () => {
    expect(round2(dec('1.005')).toFixed(2)).toBe('1.01');
    expect(round2(dec('2.675')).toFixed(2)).toBe('2.68');
  });

  it('parses JSON numbers and numeric strings, and refuses the rest', () => {
    expect(parseDecimal(486.23)?.toString()).toBe('486.23');
    expect(parseDecimal('486.23')?.toString()).toBe('486.23');
    expect(parseDecimal(' 2,5 ')?.toString()).toBe('2.5');
    expect(parseDecimal('12abc')).toBeNull();
    expect(parseDecimal(null)).toBeNull();
    expect(parseDecimal(Number.NaN)).toBeNull();
    expect(parseDecimal(true)).toBeNull();
  });

  it('maps DECIMAL columns from MySQL strings and SQLite numbers to the same Decimal', () => {
    const t = new DecimalTransformer(2);
    expect(t.from('1848.58')!.equals(t.from(1848.58)!)).toBe(true);
    expect(t.from(null)).toBeNull();
    expect(t.to(dec('1848.5'))).toBe('1848.50');
    expect(t.to(null)).toBeNull();
  });
});
