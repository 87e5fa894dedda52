import { describe, expect, it } from 'vitest';
import { dec } from '../common/money';
import { convertedQuantity, memberLabel, membersByName, orderReference } from './enrichment-rules';

const member = (id: number, name: string, isAdherent: boolean, ref: string | null = `R${id}`) => ({
  id,
  name,
  ref,
  isAdherent,
  companyId: null,
});

describe('enrichment rules', () => {
  it('labels members as the previous tool did', () => {
    expect(memberLabel(member(1, 'EARL', true, '1873'))).toBe('CLIENT : 1873');
    expect(memberLabel(member(2, 'SCEA', false, 'X9'))).toBe('NON ADHERENT : X9');
    expect(memberLabel(null)).toBe('INCONNU !');
  });

  it('matches names without case, accents or extra spaces; an ADHERENT wins a tie', () => {
    const byName = membersByName([
      member(5, 'Hoarau  Marie-José', false),
      member(7, 'HOARAU MARIE JOSE', true),
    ]);
    expect(byName.get('hoarau marie jose')?.id).toBe(7);
  });

  it('converts the billed quantity into the product unit, 4 decimals', () => {
    expect(convertedQuantity(dec('40'), 'UN', null)?.toFixed(4)).toBe('40.0000');
    expect(convertedQuantity(dec('2.5'), 'TO', dec('1'))?.toFixed(4)).toBe('2500.0000');
    expect(convertedQuantity(dec('1'), 'TO', dec('25'))?.toFixed(4)).toBe('40.0000');
    expect(convertedQuantity(dec('100'), 'KG', dec('3'))?.toFixed(4)).toBe('33.3333');
    expect(convertedQuantity(dec('2.5'), 'TO', null)).toBeNull();
    expect(convertedQuantity(dec('2.5'), 'KG', dec('0'))).toBeNull();
  });

  it('reads a PO name or a Gesica number', () => {
    expect(orderReference('P0005650')).toEqual({ name: 'P0005650' });
    expect(orderReference('706731')).toEqual({ partnerRef: 'GESICA706731' });
    expect(orderReference(' ')).toBeNull();
  });
});
