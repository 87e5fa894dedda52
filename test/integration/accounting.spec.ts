import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MonthExclusionEntity } from '../../src/accounting/entities/month-exclusion.entity';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';
import { seedLines } from './web-fixtures';

async function seedMonth(t: TestApp): Promise<void> {
  await seedLines(t.app, [
    // Counted: VRAC, store codes 5…, October 2025.
    {
      numero: '251000001',
      ligne: 1,
      date: '2025-10-01',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '1215.58',
    },
    {
      numero: '251000001',
      ligne: 2,
      date: '2025-10-01',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '0.10',
    },
    {
      numero: '251000002',
      date: '2025-10-31',
      codeClient: '5024',
      nomClient: 'MAGASIN ST PIERRE',
      ht: '0.20',
      tva: '8.5',
    },
    {
      numero: '251000003',
      date: '2025-10-15',
      codeClient: '5024',
      nomClient: 'MAGASIN ST PIERRE',
      codeProduit: 'INTR',
      ht: '12.34',
    },
    {
      numero: '251000004',
      type: 'A',
      date: '2025-10-20',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '100.00',
    },
    // Not counted: 1st of next month, last day of previous month, not VRAC, member code, excluded client.
    {
      numero: '251100001',
      date: '2025-11-01',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '999.99',
    },
    {
      numero: '250900001',
      date: '2025-09-30',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '888.88',
    },
    {
      numero: '251000005',
      date: '2025-10-10',
      societe: 'SAC',
      codeClient: '5010',
      nomClient: 'MAGASIN PLAINE',
      ht: '777.77',
    },
    {
      numero: '251000006',
      date: '2025-10-10',
      codeClient: '1873',
      nomClient: 'EARL DES TAMARINS',
      ht: '666.66',
    },
    { numero: '251000007', date: '2025-10-10', codeClient: '5099', nomClient: 'CLIENT EXCLU', ht: '555.55' },
    // Excluded only in September: counted in October.
    {
      numero: '251000008',
      date: '2025-10-12',
      codeClient: '5098',
      nomClient: 'EXCLU EN SEPTEMBRE',
      ht: '10.00',
    },
  ]);
  await t.app
    .get(DataSource)
    .getRepository(MonthExclusionEntity)
    .save([
      { Nom_Client: 'CLIENT EXCLU', mois_facture: '2025-10' },
      { Nom_Client: 'EXCLU EN SEPTEMBRE', mois_facture: '2025-09' },
    ]);
}

function expectOctober(body: Record<string, unknown>): void {
  expect(body).toMatchObject({
    year: 2025,
    month: 10,
    from: '2025-10-01',
    toExclusive: '2025-11-01',
    // 1215.58 + 0.10 + 0.20 + 10.00 (INTR apart)
    invoices: { montantHT: '1225.88', intr: '12.34', count: 4 },
    creditNotes: { montantHT: '100.00', intr: '0.00', count: 1 },
    excludedClients: ['CLIENT EXCLU'],
  });
  // VAT: (1215.58 + 0.10 + 10.00 + 12.34) × 2.1 % = 25.99842 ; 0.20 × 8.5 % = 0.017 ; credit note 2.10
  const invoices = body.invoices as { tva: string };
  expect(invoices.tva).toBe('26.02');
  expect(body.net).toEqual({ montantHT: '1125.88', intr: '12.34', tva: '23.92' });
  expect(body.journal).toEqual([
    { account: '6075000', label: expect.any(String), debit: '1125.88', credit: null },
    { account: '7075000', label: expect.any(String), debit: null, credit: '1125.88' },
    { account: '44573', label: 'TVA (achats)', debit: '23.92', credit: null },
    { account: '44573', label: 'TVA (ventes)', debit: null, credit: '23.92' },
    { account: '76800', label: 'INTR (achats)', debit: '12.34', credit: null },
    { account: '76800', label: 'INTR (ventes)', debit: null, credit: '12.34' },
  ]);
}

describe('GET /api/donnees-comptables/:annee/:mois', () => {
  describe('on SQLite', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(testEnv());
      await seedMonth(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('sums VRAC store lines of [1st, 1st of next month), exactly, honouring exclusions', async () => {
      const res = await t.http
        .get('/api/donnees-comptables/2025/10')
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      expectOctober(res.body);
    });

    it('requires the API key and validates the month', async () => {
      await t.http.get('/api/donnees-comptables/2025/10').expect(401);
      const bad = await t.http
        .get('/api/donnees-comptables/2025/13')
        .set('X-API-Key', TEST_API_KEY)
        .expect(400);
      expect(bad.body.message.join(' ')).toMatch(/^mois: /);
    });

    it('answers zeros for an empty month', async () => {
      const res = await t.http
        .get('/api/donnees-comptables/2024/02')
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      expect(res.body.net).toEqual({ montantHT: '0.00', intr: '0.00', tva: '0.00' });
      expect(res.body.toExclusive).toBe('2024-03-01');
    });
  });

  describe('on MariaDB', () => {
    let db: TestDatabase;
    let t: TestApp;
    beforeAll(async () => {
      db = await createTestDatabase('acc');
      t = await startTestApp(testEnv(mysqlEnv(db.config)));
      await seedMonth(t);
    });
    afterAll(async () => {
      await t?.close();
      await db?.drop();
    });

    it('gives the same exact figures', async () => {
      const res = await t.http
        .get('/api/donnees-comptables/2025/10')
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      expectOctober(res.body);
      const december = await t.http
        .get('/api/donnees-comptables/2025/12')
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      expect(december.body.toExclusive).toBe('2026-01-01');
    });
  });
});
