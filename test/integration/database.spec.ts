import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dec } from '../../src/common/money';
import { buildDataSourceOptions, openDatabase } from '../../src/database/data-source';
import { LegacyDuplicatesError } from '../../src/database/schema-helpers';
import { InvoiceLineEntity } from '../../src/invoices/entities/invoice-line.entity';
import { SentOrderEntity } from '../../src/orders/entities/sent-order.entity';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';

function line(overrides: Partial<InvoiceLineEntity> = {}): Partial<InvoiceLineEntity> {
  return {
    Numero_Facture: '251004512',
    Numero_Ligne_Facture: 2,
    Type_Facture: 'F',
    Date_Facture: '2025-10-14',
    Code_Client: '1873',
    Nom_Client: 'EARL DES TAMARINS',
    Montant_HT: dec('1848.58'),
    Montant_TTC: dec('1887.40'),
    Prix_Unitaire: dec('486.23'),
    Quantite_Facturee: dec('2.5'),
    Unite_Facturee: 'TO',
    Montant_HT_Ligne: dec('1215.58'),
    Taux_TVA: dec('2.1'),
    ...overrides,
  };
}

const EXPORT_TABLES = [
  'sic_urcoopa_facture',
  'sic_urcoopa_livraison',
  'sic_depot',
  'sic_urcoopa_commande_odoo',
  'sic_urcoopa_non_correspondance_adherent',
  'sic_urcoopa_non_correspondance_article',
  'sic_urcoopa_Exclution_mois',
  'sync_job_run',
  'sync_job_lock',
];

/** The same entity behaviour on both dialects, through the real migrations. */
function entityContract(name: string, open: () => Promise<DataSource>) {
  describe(`entities on ${name}`, () => {
    let ds: DataSource;
    beforeAll(async () => {
      ds = await open();
    });
    afterAll(async () => {
      await ds?.destroy();
    });

    it('creates every exportOdoo table with the exact names', async () => {
      for (const table of EXPORT_TABLES)
        expect(await ds.createQueryRunner().hasTable(table), table).toBe(true);
    });

    it('stores money exactly and reads it back as Decimal', async () => {
      const repo = ds.getRepository(InvoiceLineEntity);
      await repo.insert(line());
      const back = await repo.findOneByOrFail({ Numero_Facture: '251004512', Numero_Ligne_Facture: 2 });
      expect(back.Montant_HT_Ligne!.toFixed(2)).toBe('1215.58');
      expect(back.Prix_Unitaire!.toFixed(4)).toBe('486.2300');
      expect(back.Quantite_Facturee!.toString()).toBe('2.5');
      expect(back.Taux_TVA!.toString()).toBe('2.1');
      expect(back.Date_Facture).toBe('2025-10-14');
      expect(back.Statut_Integration_Fac_inOdoo).toBe('à intégrer');
      expect(back.Statut_Correspondance_Adherent).toBe('à traiter');
      expect(back.ID_Client_ODOO).toBe(0);
    });

    it('enforces the natural key of invoice lines', async () => {
      await expect(ds.getRepository(InvoiceLineEntity).insert(line())).rejects.toThrow();
      await ds.getRepository(InvoiceLineEntity).insert(line({ Numero_Ligne_Facture: 900 }));
    });

    it('enforces the order number as the idempotency key of sent orders', async () => {
      const repo = ds.getRepository(SentOrderEntity);
      await repo.insert({ Numero_Commande: 'P0005650', status: 'sent' });
      await expect(repo.insert({ Numero_Commande: 'P0005650', status: 'sent' })).rejects.toThrow();
    });

    it('re-running the migrations is a no-op', async () => {
      expect(await ds.runMigrations()).toEqual([]);
    });
  });
}

let mysqlDb: TestDatabase;
let legacyDb: TestDatabase;
let dupDb: TestDatabase;

afterAll(async () => {
  await mysqlDb?.drop();
});

entityContract('SQLite', () => openDatabase({ type: 'sqlite', path: ':memory:', runMigrations: true }));
entityContract('MariaDB', async () => {
  mysqlDb = await createTestDatabase('ut_entities');
  return openDatabase({ type: 'mysql', runMigrations: true, ...mysqlDb.config });
});

const LEGACY_FACTURE = `CREATE TABLE sic_urcoopa_facture (
  Numero_Facture TEXT, Numero_Ligne_Facture INT, Type_Facture VARCHAR(2), Date_Facture DATE, Code_Client VARCHAR(20),
  Nom_Client VARCHAR(255), Montant_HT DOUBLE, Montant_TTC DOUBLE, Montant_HT_Ligne DOUBLE, Taux_TVA DOUBLE,
  Statut_Correspondance_Adherent VARCHAR(20), facture_valider TINYINT DEFAULT 0)`;

describe('migrations on a database created by the previous tool (MariaDB)', () => {
  beforeAll(async () => {
    legacyDb = await createTestDatabase('ut_legacy');
    dupDb = await createTestDatabase('ut_legacy_dup');
  });
  afterAll(async () => {
    await legacyDb?.drop();
    await dupDb?.drop();
  });

  it('adopts the legacy tables: keeps every row, adds the missing columns, enforces the natural key', async () => {
    await legacyDb.query(LEGACY_FACTURE);
    await legacyDb.query(
      `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Code_Client, Montant_HT, Montant_HT_Ligne, Taux_TVA, facture_valider)
       VALUES ('251004512', 1, 'F', '1873', 1848.58, 608.0, 2.1, 1), ('251004512', 900, 'F', '1873', 1848.58, 25.0, 2.1, 1)`,
    );
    await legacyDb.query(
      'CREATE TABLE sic_depot (company_id INT, code_urcoopa VARCHAR(20), code VARCHAR(20), lib VARCHAR(255))',
    );
    await legacyDb.query(`INSERT INTO sic_depot VALUES (21, '5010', '11', 'MAGASIN LE PORT')`);

    const ds = await openDatabase({ type: 'mysql', runMigrations: true, ...legacyDb.config });
    try {
      const rows = await ds.getRepository(InvoiceLineEntity).find({ order: { Numero_Ligne_Facture: 'ASC' } });
      expect(rows).toHaveLength(2);
      expect(rows[0].Montant_HT_Ligne!.toFixed(2)).toBe('608.00');
      expect(rows[0].facture_valider).toBe(1);
      expect(rows[0].ID_Facture_ODOO).toBeNull();
      const [{ n }] = await legacyDb.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM sic_depot');
      expect(Number(n)).toBe(1);
      await expect(
        legacyDb.query(
          `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Code_Client) VALUES ('251004512', 1, 'F', '1873')`,
        ),
      ).rejects.toThrow(/Duplicate entry/);
      const columns = await legacyDb.query<{ COLUMN_NAME: string; DATA_TYPE: string }[]>(
        `SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'sic_urcoopa_facture'`,
      );
      const type = Object.fromEntries(columns.map((c) => [c.COLUMN_NAME, c.DATA_TYPE]));
      expect(type.Montant_HT_Ligne).toBe('decimal');
      expect(type.Qte_Fact_Conv).toBe('decimal');
      expect(type.Statut_Integration_Fac_inOdoo).toBe('varchar');
    } finally {
      await ds.destroy();
    }
  });

  it('stops on duplicate legacy lines, lists them, and changes nothing', async () => {
    await dupDb.query(LEGACY_FACTURE);
    await dupDb.query(
      `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Code_Client) VALUES
       ('251004512', 1, 'F', '1873'), ('251004512', 1, 'F', '1873'), ('251004513', 2, 'F', '1402'), ('251004513', 2, 'F', '1402'), ('251004513', 2, 'F', '1402')`,
    );
    const ds = new DataSource(
      buildDataSourceOptions({ type: 'mysql', runMigrations: true, ...dupDb.config }),
    );
    await ds.initialize();
    try {
      const error = await ds.runMigrations().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LegacyDuplicatesError);
      expect((error as Error).message).toContain('Numero_Facture=251004512, Numero_Ligne_Facture=1 (2 rows)');
      expect((error as Error).message).toContain('Numero_Facture=251004513, Numero_Ligne_Facture=2 (3 rows)');
      const [{ n }] = await dupDb.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM sic_urcoopa_facture');
      expect(Number(n)).toBe(5);
    } finally {
      await ds.destroy();
    }
  });
});
