import { QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/** Shorthands for migration column definitions (the same on MySQL and SQLite). */
export const col = {
  varchar: (
    name: string,
    length: number,
    nullable = true,
    extra: Partial<TableColumnOptions> = {},
  ): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
    ...extra,
  }),
  int: (name: string, nullable = true, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'int',
    isNullable: nullable,
    ...extra,
  }),
  decimal: (name: string, precision: number, scale: number): TableColumnOptions => ({
    name,
    type: 'decimal',
    precision,
    scale,
    isNullable: true,
  }),
  date: (name: string): TableColumnOptions => ({ name, type: 'date', isNullable: true }),
  datetime: (name: string, nullable = true): TableColumnOptions => ({
    name,
    type: 'datetime',
    isNullable: nullable,
  }),
  text: (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true }),
  tinyint: (name: string, defaultValue: number): TableColumnOptions => ({
    name,
    type: 'tinyint',
    isNullable: false,
    default: defaultValue,
  }),
};

export class LegacyDuplicatesError extends Error {
  constructor(table: string, key: string[], rows: Record<string, unknown>[]) {
    const list = rows.map(
      (r) => `    ${key.map((k) => `${k}=${String(r[k])}`).join(', ')} (${String(r.n)} rows)`,
    );
    super(
      `Cannot adopt table ${table}: it holds duplicate lines on its natural key (${key.join(', ')}).\n` +
        `Nothing in this table was changed or deleted. Remove or merge these duplicates, then start again:\n${list.join('\n')}`,
    );
    this.name = 'LegacyDuplicatesError';
  }
}

const NUMERIC_LEGACY_TYPES = ['float', 'double', 'real', 'double precision'];
const TEXT_LEGACY_TYPES = ['text', 'mediumtext', 'longtext', 'tinytext'];

/**
 * Creates the table, or adopts a table created by the previous tool: adds the missing columns,
 * turns float money columns into DECIMAL and text key columns into VARCHAR (MySQL), then enforces
 * the natural key with a unique index. Stops, listing them, when the natural key has duplicates.
 * Never drops or deletes anything.
 */
export async function createOrAdoptTable(
  queryRunner: QueryRunner,
  table: Table,
  naturalKey: string[],
): Promise<void> {
  if (!(await queryRunner.hasTable(table.name))) {
    await queryRunner.createTable(table);
    return;
  }
  const existing = (await queryRunner.getTable(table.name))!;
  const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
  const missingKey = naturalKey.filter((k) => !existing.columns.some((c) => c.name === k));
  if (missingKey.length > 0) {
    throw new Error(
      `Cannot adopt table ${table.name}: its key column(s) ${missingKey.join(', ')} are missing. Nothing was changed.`,
    );
  }
  const quoted = naturalKey.map((k) => (mysql ? `\`${k}\`` : `"${k}"`)).join(', ');
  const tableName = mysql ? `\`${table.name}\`` : `"${table.name}"`;
  const duplicates: Record<string, unknown>[] = await queryRunner.query(
    `SELECT ${quoted}, COUNT(*) AS n FROM ${tableName} GROUP BY ${quoted} HAVING COUNT(*) > 1 ORDER BY ${quoted} LIMIT 50`,
  );
  if (duplicates.length > 0) throw new LegacyDuplicatesError(table.name, naturalKey, duplicates);
  for (const wanted of table.columns) {
    const found = existing.columns.find((c) => c.name.toLowerCase() === wanted.name.toLowerCase());
    if (!found) {
      const adding = new TableColumn({
        ...wanted,
        isPrimary: false,
        isGenerated: false,
        isNullable: wanted.default === undefined ? true : wanted.isNullable,
      });
      await queryRunner.addColumn(table.name, adding);
      continue;
    }
    if (!mysql) continue;
    const legacyType = found.type.toLowerCase();
    const needsDecimal = wanted.type === 'decimal' && NUMERIC_LEGACY_TYPES.includes(legacyType);
    const needsVarchar = naturalKey.includes(wanted.name) && TEXT_LEGACY_TYPES.includes(legacyType);
    if (needsDecimal || needsVarchar) {
      await queryRunner.query(
        `ALTER TABLE \`${table.name}\` MODIFY \`${found.name}\` ${needsDecimal ? `DECIMAL(${wanted.precision},${wanted.scale})` : `VARCHAR(${wanted.length})`} ${found.isNullable ? 'NULL' : 'NOT NULL'}`,
      );
    }
  }
  const refreshed = (await queryRunner.getTable(table.name))!;
  const primary = refreshed.columns.filter((c) => c.isPrimary).map((c) => c.name);
  const samePrimary = primary.length === naturalKey.length && naturalKey.every((k) => primary.includes(k));
  const indexName = `UQ_${table.name}_natural_key`.slice(0, 64);
  const hasIndex = refreshed.indices.some(
    (i) =>
      i.isUnique &&
      i.columnNames.length === naturalKey.length &&
      naturalKey.every((k) => i.columnNames.includes(k)),
  );
  if (!samePrimary && !hasIndex) {
    await queryRunner.createIndex(
      table.name,
      new TableIndex({ name: indexName, columnNames: naturalKey, isUnique: true }),
    );
  }
}
