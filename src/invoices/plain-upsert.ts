import { escape as mysqlEscape, raw as mysqlRaw, type SqlValue } from 'mysql2';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** SQLite's bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const SQLITE_MAX_PARAMS = 32_766;
/** MySQL's placeholders per prepared statement: our text statements keep to it too. */
const MYSQL_MAX_PARAMS = 65_535;
/** Room kept in max_allowed_packet for the statement's text besides the values. */
const PACKET_MARGIN = 64 * 1024;

/**
 * Rows sharing their first values (e.g. an invoice's header, repeated on each of its lines): row i
 * is `head` followed by `lines[i]`. Values as `value()` returns them, in the writer's column order.
 */
export interface RowGroup {
  head: unknown[];
  lines: unknown[][];
}

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
 * of rows in a fixed column order, at the driver's speed: the columns, their converters and the
 * SQL are worked out once per table and column list, and a statement carries as many rows as the
 * database takes. MySQL: the VALUES text escaped by mysql2's own escape (what its placeholders
 * would produce), a group's shared values once for all its rows, as big as max_allowed_packet
 * allows. SQLite: 32,766 parameters, each statement prepared once.
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

  /** Writes the rows in the manager's transaction. */
  async write(manager: EntityManager, groups: RowGroup[]): Promise<void> {
    if (groups.every((g) => g.lines.length === 0)) return;
    if (this.mysql) await this.writeMysql(manager, groups);
    else await this.writeSqlite(manager, groups);
  }

  private async writeMysql(manager: EntityManager, groups: RowGroup[]): Promise<void> {
    const timezone = this.timezone();
    // Text length × 3 bounds its UTF-8 size (a UTF-16 unit is at most 3 bytes).
    const budget = ((await this.maxPacket()) - PACKET_MARGIN) / 3;
    const send = (rows: string[]) =>
      manager.query(`${this.into}?${this.onConflict}`, [mysqlRaw(rows.join(', '))]);
    let rows: string[] = [];
    let length = 0;
    for (const { head, lines } of groups) {
      const shared = head.length > 0 ? `${mysqlEscape(head as SqlValue[], true, timezone)}, ` : '';
      for (const line of lines) {
        const row = `(${shared}${mysqlEscape(line as SqlValue[], true, timezone)})`;
        if (rows.length > 0 && (rows.length >= this.rowsPerStatement || length + row.length + 2 > budget)) {
          await send(rows);
          rows = [];
          length = 0;
        }
        rows.push(row);
        length += row.length + 2;
      }
    }
    if (rows.length > 0) await send(rows);
  }

  // Straight to the connection of the transaction's query runner, with statements prepared once
  // (TypeORM's query() would prepare them again per transaction): full-size ones, then the rest in
  // power-of-two sizes, so that every statement is one of a dozen, whatever the row count.
  private async writeSqlite(manager: EntityManager, groups: RowGroup[]): Promise<void> {
    if (!manager.queryRunner) throw new Error('PlainUpsert.write needs a transaction');
    const connection = (await manager.queryRunner.connect()) as SqliteConnection;
    let total = 0;
    for (const group of groups) total += group.lines.length;
    let g = 0;
    let l = 0;
    for (let done = 0; done < total;) {
      const left = total - done;
      const size = left >= this.rowsPerStatement ? this.rowsPerStatement : 2 ** Math.floor(Math.log2(left));
      const params = new Array<unknown>(size * this.width);
      for (let r = 0, p = 0; r < size; r++) {
        while (l >= groups[g].lines.length) {
          g += 1;
          l = 0;
        }
        const { head, lines } = groups[g];
        for (const value of head) params[p++] = value;
        for (const value of lines[l]) params[p++] = value;
        l += 1;
      }
      this.sqliteStatement(connection, size).run(params);
      done += size;
    }
  }

  /** The time zone the driver writes dates in (mysql2's connection option). */
  private timezone(): string {
    const driver = this.dataSource.driver as {
      pool?: { config?: { connectionConfig?: { timezone?: string } } };
      options: { timezone?: string };
    };
    return driver.pool?.config?.connectionConfig?.timezone ?? driver.options.timezone ?? 'local';
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
