import { describe, expect, it } from 'vitest';
import { normalizeName } from './text';

describe('normalizeName', () => {
  it('ignores case, accents, hyphens, punctuation and extra spaces', () => {
    expect(normalizeName('HOARAU Marie-José')).toBe('hoarau marie jose');
    expect(normalizeName('HOARAU MARIE JOSE')).toBe('hoarau marie jose');
    expect(normalizeName('  Grondin   Louis ')).toBe('grondin louis');
    expect(normalizeName('GAEC de la Roche Écrite')).toBe(normalizeName('GAEC DE LA ROCHE ECRITE'));
    expect(normalizeName('Ferme pédagogique du Brûlé')).toBe('ferme pedagogique du brule');
    expect(normalizeName('S.C.E.A. L’Étang, Salé')).toBe('s c e a l etang sale');
  });

  it('keeps digits and folds ligatures', () => {
    expect(normalizeName('EARL Cœur 2000')).toBe('earl coeur 2000');
  });

  it('gives an empty string for empty input', () => {
    expect(normalizeName('')).toBe('');
    expect(normalizeName(null)).toBe('');
    expect(normalizeName(' - ')).toBe('');
  });
});
