import { describe, expect, it } from 'vitest';
import { dec, Decimal, DecimalTransformer, parseDecimal, round2, toFixed } from './money';

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

  it("writes a decimal as exactly decimal.js' toFixed would, whatever its digits and sign", () => {
    const values = [
      '0',
      '-0',
      '1',
      '-1',
      '12.5',
      '-12.5',
      '1848.58',
      '0.005',
      '-0.005',
      '2.675',
      '1.00005',
      '123456789012.34',
      '99999999.99995',
      '1e-9',
      '-3.2e-8',
      '1e21',
      '4.5e22',
      '0.1',
      '10',
      '100.1',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const digits = Math.floor(random() * 7);
      const sign = random() < 0.2 ? '-' : '';
      values.push(
        `${sign}${Math.floor(random() * 10 ** (1 + Math.floor(random() * 9)))}.${String(Math.floor(random() * 10 ** digits)).padStart(digits, '0')}`,
      );
    }
    for (const text of values) {
      const value = new Decimal(text);
      for (const scale of [0, 2, 4])
        expect(toFixed(value, scale), `${text} at ${scale}`).toBe(value.toFixed(scale));
    }
    expect(toFixed(new Decimal(NaN), 2)).toBe('NaN');
  });
});
