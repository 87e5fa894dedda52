import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** SQLite's bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const SQLITE_MAX_PARAMS = 32_766;
/** MySQL's placeholders per prepared statement; also caps our text statements. */
const MYSQL_MAX_PARAMS = 65_535;
/** Room kept in max_allowed_packet for the statement's text besides the values. */
const PACKET_MARGIN = 64 * 1024;

/** What we use of a better-sqlite3 connection (the package ships no types). */
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  run(params: unknown[]): unknown;
}

const writers = new WeakMap<DataSource, Map<string, PlainUpsert>>();
const packets = new WeakMap<DataSource, Promise<number>>();

/**
 * Multi-row `INSERT … ON DUPLICATE KEY UPDATE` (MySQL) / `INSERT … ON CONFLICT DO UPDATE` (SQLite)
 * of value tuples in a fixed column order, at the driver's speed: the columns, their converters
 * and the SQL are worked out once per table and column list, a statement carries as many rows as
 * the database takes (MySQL: one `VALUES ?` of nested arrays expanded by mysql2, as big as
 * max_allowed_packet allows; SQLite: 32,766 parameters, each statement prepared once).
 */
export class PlainUpsert {
  readonly width: number;
  private readonly columns: ColumnMetadata[];
  private readonly mysql: boolean;
  private readonly into: string;
  private readonly onConflict: string;
  private readonly rowsPerStatement: number;
  /** Per column, the last input converted and its output: a header repeated on every line is converted once. */
  private readonly lastIn: unknown[];
  private readonly lastOut: unknown[];
  /** Prepared statements per better-sqlite3 connection, by row count (a dozen sizes). */
  private readonly sqliteStatements = new WeakMap<object, Map<number, SqliteStatement>>();

  /** The writer of `properties` of `entity`, made once per data source. */
  static of(
    dataSource: DataSource,
    entity: EntityTarget<ObjectLiteral>,
    properties: readonly string[],
    conflict: readonly string[],
    update: readonly string[],
  ): PlainUpsert {
    let byKey = writers.get(dataSource);
    if (!byKey) writers.set(dataSource, (byKey = new Map()));
    const meta = dataSource.getMetadata(entity);
    const key = `${meta.tableName}\u0000${properties.join(',')}\u0000${conflict.join(',')}\u0000${update.join(',')}`;
    let writer = byKey.get(key);
    if (!writer) byKey.set(key, (writer = new PlainUpsert(dataSource, entity, properties, conflict, update)));
    return writer;
  }

  private constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<ObjectLiteral>,
    properties: readonly string[],
    conflict: readonly string[],
    update: readonly string[],
  ) {
    const meta = dataSource.getMetadata(entity);
    const driver = dataSource.driver;
    this.columns = properties.map((property) => {
      const column = meta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${meta.tableName}: no column for ${property}`);
      return column;
    });
    this.width = this.columns.length;
    this.mysql = dataSource.options.type !== 'better-sqlite3';
    const names = this.columns.map((c) => driver.escape(c.databaseName));
    this.into = `INSERT INTO ${driver.escape(meta.tableName)} (${names.join(', ')}) VALUES `;
    const updates = update.map((name) => driver.escape(name));
    this.onConflict = this.mysql
      ? ` ON DUPLICATE KEY UPDATE ${updates.map((c) => `${c} = VALUES(${c})`).join(', ')}`
      : ` ON CONFLICT (${conflict.map((c) => driver.escape(c)).join(', ')}) DO UPDATE SET ${updates
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`;
    this.rowsPerStatement = Math.floor((this.mysql ? MYSQL_MAX_PARAMS : SQLITE_MAX_PARAMS) / this.width);
    this.lastIn = this.columns.map(() => Symbol('none'));
    this.lastOut = this.columns.map(() => null);
  }

  /**
   * The value of column `index` as the driver takes it: the entity's transformer (e.g. a Decimal
   * as a fixed-point string) and the driver's conversion (dates), exactly what TypeORM would send.
   */
  value(index: number, input: unknown): unknown {
    if (input === this.lastIn[index]) return this.lastOut[index];
    const output = this.dataSource.driver.preparePersistentValue(input, this.columns[index]) as unknown;
    this.lastIn[index] = input;
    this.lastOut[index] = output ?? null;
    return output ?? null;
  }

  /** Writes the tuples (values from `value()`, in column order) in the manager's transaction. */
  async write(manager: EntityManager, tuples: unknown[][]): Promise<void> {
    if (tuples.length === 0) return;
    if (this.mysql) {
      const budget = (await this.maxPacket()) - PACKET_MARGIN;
      let start = 0;
      let bytes = 0;
      for (let i = 0; i < tuples.length; i++) {
        const size = tupleBytes(tuples[i]);
        if (i > start && (i - start >= this.rowsPerStatement || bytes + size > budget)) {
          await manager.query(`${this.into}?${this.onConflict}`, [tuples.slice(start, i)]);
          start = i;
          bytes = 0;
        }
        bytes += size;
      }
      await manager.query(`${this.into}?${this.onConflict}`, [start === 0 ? tuples : tuples.slice(start)]);
      return;
    }
    // Straight to the connection of the transaction's query runner, with statements prepared once
    // (TypeORM's query() would prepare them again per transaction): full-size ones, then the rest
    // in power-of-two sizes, so that every statement is one of a dozen, whatever the row count.
    if (!manager.queryRunner) throw new Error('PlainUpsert.write needs a transaction');
    const connection = (await manager.queryRunner.connect()) as SqliteConnection;
    for (let i = 0; i < tuples.length;) {
      const left = tuples.length - i;
      const size = left >= this.rowsPerStatement ? this.rowsPerStatement : 2 ** Math.floor(Math.log2(left));
      const params = new Array<unknown>(size * this.width);
      for (let r = 0, p = 0; r < size; r++) {
        const tuple = tuples[i + r];
        for (let c = 0; c < this.width; c++) params[p++] = tuple[c];
      }
      this.sqliteStatement(connection, size).run(params);
      i += size;
    }
  }

  private sqliteStatement(connection: SqliteConnection, rows: number): SqliteStatement {
    let bySize = this.sqliteStatements.get(connection);
    if (!bySize) this.sqliteStatements.set(connection, (bySize = new Map()));
    let statement = bySize.get(rows);
    if (!statement) {
      const tuple = `(${this.columns.map(() => '?').join(', ')})`;
      statement = connection.prepare(
        `${this.into}${Array<string>(rows).fill(tuple).join(', ')}${this.onConflict}`,
      );
      bySize.set(rows, statement);
    }
    return statement;
  }

  /** The server's max_allowed_packet, asked once per data source. */
  private maxPacket(): Promise<number> {
    let packet = packets.get(this.dataSource);
    if (!packet) {
      packet = this.dataSource
        .query<Array<{ p: string | number }>>('SELECT @@max_allowed_packet AS p')
        .then((rows) => Number(rows[0].p));
      packet.catch(() => packets.delete(this.dataSource));
      packets.set(this.dataSource, packet);
    }
    return packet;
  }
}

/** An upper bound of a tuple's size in the statement: 3 bytes per UTF-16 unit, escapes doubled, separators. */
function tupleBytes(tuple: unknown[]): number {
  let bytes = 4;
  for (const value of tuple) bytes += typeof value === 'string' ? value.length * 6 + 4 : 32;
  return bytes;
}
