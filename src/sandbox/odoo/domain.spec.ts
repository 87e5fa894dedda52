import { describe, expect, it } from 'vitest';
import { compileDomain, type DomainHost } from './domain';
import { OdooFault } from './errors';
import type { FieldDef, OdooRecord } from './fields';

const FIELDS: Record<string, Record<string, FieldDef>> = {
  'x.partner': {
    id: { type: 'integer', string: 'ID' },
    name: { type: 'char', string: 'Name' },
    ref: { type: 'char', string: 'Ref' },
    age: { type: 'integer', string: 'Age' },
    active: { type: 'boolean', string: 'Active' },
    day: { type: 'date', string: 'Day' },
    at: { type: 'datetime', string: 'At' },
    parent_id: { type: 'many2one', relation: 'x.partner', string: 'Parent' },
    tag_ids: { type: 'many2many', relation: 'x.tag', string: 'Tags' },
  },
  'x.tag': { id: { type: 'integer', string: 'ID' }, name: { type: 'char', string: 'Name' } },
};

const DATA: Record<string, OdooRecord[]> = {
  'x.partner': [
    {
      id: 1,
      name: 'URCOOPA',
      ref: 'U1',
      age: 40,
      active: true,
      day: '2025-10-01',
      at: '2025-10-01 20:00:00',
      parent_id: false,
      tag_ids: [10],
    },
    {
      id: 2,
      name: 'EARL des Tamarins',
      ref: false,
      age: 12,
      active: true,
      day: '2025-10-14',
      at: '2025-10-13 21:00:00',
      parent_id: 1,
      tag_ids: [10, 11],
    },
    {
      id: 3,
      name: '100%_Lait',
      ref: 'L_1',
      age: 0,
      active: false,
      day: false,
      at: false,
      parent_id: 2,
      tag_ids: [],
    },
    {
      id: 4,
      name: 'Éric Fontaine',
      ref: 'U2',
      age: 7,
      active: true,
      day: '2025-11-01',
      at: '2025-11-01 00:00:00',
      parent_id: false,
      tag_ids: [11],
    },
  ],
  'x.tag': [
    { id: 10, name: 'ADHERENT' },
    { id: 11, name: 'FOURNISSEUR' },
  ],
};

const host: DomainHost = {
  field: (model, f) => FIELDS[model][f],
  value: (model, rec, f) =>
    f === 'id' ? rec.id : (rec[f] ?? (FIELDS[model][f]?.type === 'many2many' ? [] : false)),
  get: (model, id) => DATA[model].find((r) => r.id === id),
  all: (model) => DATA[model],
  displayName: (_model, rec) => String(rec.name),
};

const ids = (domain: unknown) =>
  DATA['x.partner'].filter(compileDomain(host, 'x.partner', domain)).map((r) => r.id);

describe('Odoo domain evaluator', () => {
  it.each([
    ['empty domain', [], [1, 2, 3, 4]],
    ['=', [['name', '=', 'URCOOPA']], [1]],
    ['= False matches unset', [['ref', '=', false]], [2]],
    ['!= value keeps NULLs (SQL as Odoo writes it)', [['ref', '!=', 'U1']], [2, 3, 4]],
    ['!= False', [['ref', '!=', false]], [1, 3, 4]],
    ['in', [['age', 'in', [12, 7]]], [2, 4]],
    ['in with False', [['ref', 'in', ['U1', false]]], [1, 2]],
    ['not in keeps NULLs', [['ref', 'not in', ['U1']]], [2, 3, 4]],
    ['<', [['age', '<', 12]], [3, 4]],
    ['<=', [['age', '<=', 12]], [2, 3, 4]],
    ['>', [['age', '>', 12]], [1]],
    ['>=', [['age', '>=', 12]], [1, 2]],
    ['dates compare as strings, NULL never matches', [['day', '>=', '2025-10-14']], [2, 4]],
    ['a date bound on a datetime: <= means the end of that day', [['at', '<=', '2025-10-13']], [2, 1].sort()],
    [
      'UTC datetime bounds',
      [
        ['at', '>=', '2025-10-13 20:00:00'],
        ['at', '<', '2025-11-01 00:00:00'],
      ],
      [2],
    ],
    ['like is case-sensitive and wrapped in %', [['name', 'like', 'Tam']], [2]],
    ['ilike', [['name', 'ilike', 'earl DES']], [2]],
    ['ilike does not ignore accents', [['name', 'ilike', 'eric']], []],
    ['not ilike keeps NULLs', [['ref', 'not ilike', 'u']], [2, 3]],
    ['=like is anchored, _ is a wildcard', [['ref', '=like', 'U_']], [1, 4]],
    ['=ilike', [['name', '=ilike', 'urcoopa']], [1]],
    ['escaped wildcard', [['name', 'like', '100\\%\\_']], [3]],
    [
      'implicit &',
      [
        ['age', '>', 5],
        ['ref', '!=', false],
      ],
      [1, 4],
    ],
    ['|', ['|', ['age', '=', 40], ['age', '=', 7]], [1, 4]],
    ['!', ['!', ['age', '=', 40]], [2, 3, 4]],
    ['nested prefix', ['&', '|', ['age', '=', 40], ['age', '=', 12], ['ref', '=', false]], [2]],
    ['many2one by id', [['parent_id', '=', 1]], [2]],
    ['many2one = False', [['parent_id', '=', false]], [1, 4]],
    ['many2one != id keeps NULLs', [['parent_id', '!=', 1]], [1, 3, 4]],
    ['many2one by name', [['parent_id', '=', 'URCOOPA']], [2]],
    ['many2one by name ilike', [['parent_id', 'ilike', 'tamarins']], [3]],
    ['dotted path on many2one', [['parent_id.name', '=', 'URCOOPA']], [2]],
    ['two-level dotted path', [['parent_id.parent_id.ref', '=', 'U1']], [3]],
    ['many2many in', [['tag_ids', 'in', [11]]], [2, 4]],
    ['many2many = id (contains)', [['tag_ids', '=', 10]], [1, 2]],
    ['many2many = False (empty)', [['tag_ids', '=', false]], [3]],
    ['many2many not in', [['tag_ids', 'not in', [10]]], [3, 4]],
    ['dotted path on many2many (any)', [['tag_ids.name', '=', 'FOURNISSEUR']], [2, 4]],
    ['any', [['tag_ids', 'any', [['name', 'ilike', 'adh']]]], [1, 2]],
    ['child_of on id', [['id', 'child_of', 1]], [1, 2, 3]],
    ['child_of on a many2one', [['parent_id', 'child_of', [2]]], [3]],
    ['parent_of on id', [['id', 'parent_of', 3]], [1, 2, 3]],
    ['=? with False is always true', [['age', '=?', false]], [1, 2, 3, 4]],
    ['=? with a value is =', [['age', '=?', 7]], [4]],
    ['boolean = False', [['active', '=', false]], [3]],
    ['TRUE_LEAF / FALSE_LEAF', ['|', [0, '=', 1], [1, '=', 1]], [1, 2, 3, 4]],
    ['operators are case-insensitive', [['name', 'ILIKE', 'urc']], [1]],
  ])('%s', (_label, domain, expected) => {
    expect(ids(domain)).toEqual(expected);
  });

  it.each([
    [
      'unknown field',
      [['nope', '=', 1]],
      "ValueError: Invalid field x.partner.nope in leaf ('nope', '=', 1)",
    ],
    [
      'unknown field in a path',
      [['parent_id.nope', '=', 1]],
      "ValueError: Invalid field x.partner.nope in leaf ('nope', '=', 1)",
    ],
    [
      'path through a scalar',
      [['name.x', '=', 1]],
      "ValueError: Invalid field x.partner.name in leaf ('name.x', '=', 1)",
    ],
    ['bad operator', [['name', 'between', 1]], "ValueError: Invalid leaf ['name', 'between', 1]"],
    ['not a leaf', [['name', '=']], "ValueError: Invalid leaf ['name', '=']"],
    [
      'missing operand',
      ['|', ['age', '=', 1]],
      "AssertionError: This domain is syntactically not correct: ['|', ['age', '=', 1]]",
    ],
  ])('raises for %s', (_label, domain, lastLine) => {
    try {
      compileDomain(host, 'x.partner', domain);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OdooFault);
      expect((e as OdooFault).faultCode).toBe(1);
      expect((e as OdooFault).faultString.trimEnd().split('\n').pop()).toBe(lastLine);
    }
  });
});
