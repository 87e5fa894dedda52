import { describe, expect, it } from 'vitest';
import { dec } from '../common/money';
import {
  convertedQuantity,
  matchedByLabel,
  memberLabel,
  membersByName,
  orderReference,
} from './matching-rules';

const member = (id: number, name: string, isAdherent: boolean, ref: string | null = `R${id}`) => ({
  id,
  name,
  ref,
  isAdherent,
  companyId: null,
});

describe('matching rules', () => {
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

  it('leaves an ambiguous name unmatched: never the smallest id, a wrong partner invoices the wrong farmer', () => {
    const byName = membersByName([
      member(9, 'GRONDIN Paul', false),
      member(4, 'Grondin  Paul', false),
      member(12, 'PAYET Louis', true),
      member(3, 'Payet Louis', true),
      member(6, 'Payet Louis', false),
      member(20, 'RIVIERE Anne', false),
    ]);
    expect(byName.has('grondin paul')).toBe(false);
    expect(byName.has('payet louis')).toBe(false);
    expect(byName.get('riviere anne')?.id).toBe(20);
  });

  it('prefers the one ADHERENT among several partners of that name, whatever the ids', () => {
    const byName = membersByName([member(2, 'TECHER Luc', false), member(8, 'Técher Luc', true)]);
    expect(byName.get('techer luc')?.id).toBe(8);
  });

  it('converts the billed quantity into the product unit, 4 decimals', () => {
    expect(convertedQuantity(dec('40'), 'UN', null)?.toFixed(4)).toBe('40.0000');
    expect(convertedQuantity(dec('2.5'), 'TO', dec('1'))?.toFixed(4)).toBe('2500.0000');
    expect(convertedQuantity(dec('1'), 'TO', dec('25'))?.toFixed(4)).toBe('40.0000');
    expect(convertedQuantity(dec('100'), 'KG', dec('3'))?.toFixed(4)).toBe('33.3333');
    expect(convertedQuantity(dec('2.5'), 'TO', null)).toBeNull();
    expect(convertedQuantity(dec('2.5'), 'KG', dec('0'))).toBeNull();
  });

  it('matches line 900 and lines without code by label', () => {
    expect(matchedByLabel({ Numero_Ligne_Facture: 900, Code_Produit: 'TRSP' })).toBe(true);
    expect(matchedByLabel({ Numero_Ligne_Facture: 3, Code_Produit: ' ' })).toBe(true);
    expect(matchedByLabel({ Numero_Ligne_Facture: 3, Code_Produit: '39990X25' })).toBe(false);
  });

  it('reads a PO name or a Gesica number', () => {
    expect(orderReference('P0005650')).toEqual({ name: 'P0005650' });
    expect(orderReference('706731')).toEqual({ partnerRef: 'GESICA706731' });
    expect(orderReference(' ')).toBeNull();
  });
});
