import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import mysql from 'mysql2/promise';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OrdersError, OrdersErrorCode } from './orders.error';

/** One CMD400 line as Gesica stores it (types vary: numbers or strings). */
export interface GesicaLine {
  ENOCOM: string | number;
  EDATCD: string | number | null;
  EDATCF: string | number | null;
  DNOPRO: string | number | null;
  DUNITE: string | null;
  DQTCDE: string | number | null;
  DPXACH: string | number | null;
}

/** The one client of Gesica's MySQL (exportgesica.CMD400), read only, one pool, opened on first use. */
@Injectable()
export class GesicaRepository implements OnModuleDestroy {
  private pool: mysql.Pool | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.gesica !== null;
  }

  /** Order lines whose order date (EDATCD, YYYYMMDD) is on or after `fromDay` (YYYYMMDD), in one query. */
  async orderLinesSince(fromDay: string): Promise<GesicaLine[]> {
    const gesica = this.config.gesica;
    if (!gesica)
      throw new OrdersError(OrdersErrorCode.GesicaNotConfigured, 'Gesica is not configured (GESICA_DB_HOST)');
    if (!/^\w+$/.test(gesica.table))
      throw new OrdersError(
        OrdersErrorCode.GesicaNotConfigured,
        `GESICA_DB_TABLE '${gesica.table}' is not a table name`,
      );
    this.pool ??= mysql.createPool({
      host: gesica.host,
      port: gesica.port,
      user: gesica.user,
      password: gesica.password,
      database: gesica.database,
      connectionLimit: 2,
      connectTimeout: 10_000,
      // DECIMAL columns as strings: quantities and prices stay exact.
      decimalNumbers: false,
    });
    const [rows] = await this.pool.query(
      `SELECT ENOCOM, EDATCD, EDATCF, DNOPRO, DUNITE, DQTCDE, DPXACH FROM \`${gesica.table}\`
       WHERE EDATCD >= ? ORDER BY ENOCOM`,
      [fromDay],
    );
    return rows as GesicaLine[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
  }
}
