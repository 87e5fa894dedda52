import { describe, expect, it } from 'vitest';
import { csvAmount, neutralizeCell, toCsv } from './csv';

describe('toCsv', () => {
  it('neutralises every cell a spreadsheet could run as a formula', () => {
    for (const hostile of ["-2+3+cmd|' /C calc'!A0", '=HYPERLINK("x")', '+1+1', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeCell(hostile)).toBe(`'${hostile}`);
    }
    expect(neutralizeCell('EARL DU VOLCAN')).toBe('EARL DU VOLCAN');
    expect(neutralizeCell(-12.5)).toBe('-12.5');
    expect(neutralizeCell(csvAmount('-1848.58'))).toBe('-1848,58');
    expect(neutralizeCell(null)).toBe('');
  });

  it('writes RFC 4180 with a BOM and CRLF, quoting what needs it', () => {
    const csv = toCsv(
      [
        ['Code', 'Nom'],
        ['1873', 'GAEC "LE PITON", ST-PIERRE'],
        ['1874', 'ligne\nsuivante'],
        ['1875', "-2+3+cmd|' /C calc'!A0"],
      ],
      { delimiter: ',' },
    );
    expect(csv).toBe(
      '\uFEFFCode,Nom\r\n1873,"GAEC ""LE PITON"", ST-PIERRE"\r\n1874,"ligne\nsuivante"\r\n' +
        "1875,'-2+3+cmd|' /C calc'!A0\r\n",
    );
    expect(toCsv([['a;b', 'c']], { delimiter: ';' })).toBe('\uFEFF"a;b";c\r\n');
  });
});
