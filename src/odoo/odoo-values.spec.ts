import { describe, expect, it } from 'vitest';
import { dec } from '../common/money';
import { toOdooDate, toOdooNumber, toOdooParams } from './odoo-values';
import { OdooErrorCode } from './odoo.error';

describe('toOdooNumber', () => {
  it('rounds half-up to the places asked, with no float noise', () => {
    expect(toOdooNumber(dec('486.225'), 2)).toBe(486.23);
    expect(toOdooNumber(dec('0.1').plus(dec('0.2')), 2)).toBe(0.3);
    expect(toOdooNumber(dec('15.96'), 2)).toBe(15.96);
    expect(toOdooNumber(dec('2.5'), 4)).toBe(2.5);
    expect(toOdooNumber(dec('-1.005'), 2)).toBe(-1.01);
    expect(toOdooNumber('1887.4049', 2)).toBe(1887.4);
  });
});

describe('toOdooDate', () => {
  it('accepts a day and refuses anything else', () => {
    expect(toOdooDate('2025-10-14')).toBe('2025-10-14');
    expect(() => toOdooDate('14/10/2025')).toThrow(/Not a day/);
  });
});

describe('toOdooParams', () => {
  it('keeps JSON-like values, null → false, drops undefined members', () => {
    expect(toOdooParams([{ a: 1, b: null, c: undefined, d: [1, 'x', true] }])).toEqual([
      { a: 1, b: false, d: [1, 'x', true] },
    ]);
  });

  it('refuses Dates, Decimals, NaN and class instances with the path of the value', () => {
    const expectInvalid = (value: unknown, text: RegExp) => {
      try {
        toOdooParams(value);
        expect.unreachable();
      } catch (e) {
        expect((e as { code: string }).code).toBe(OdooErrorCode.InvalidParams);
        expect((e as Error).message).toMatch(text);
      }
    };
    expectInvalid([{ invoice_date: new Date() }], /params\[0\]\.invoice_date: send dates as 'YYYY-MM-DD'/);
    expectInvalid([{ price_unit: dec('1.5') }], /toOdooNumber/);
    expectInvalid([Number.NaN], /NaN/);
    expectInvalid([new Map()], /Map cannot be sent/);
    expectInvalid([[1, undefined]], /undefined in a list/);
  });
});
