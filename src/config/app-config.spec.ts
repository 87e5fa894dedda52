import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadAppConfig } from './app-config';

const HASH = '$2b$10$abcdefghijklmnopqrstuuJ1Ww7bK8mQy4yO0e5Yl4b9r6Jz0qFvW';

function problems(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadAppConfig', () => {
  it('starts in development on the embedded SQLite file, port 9898, with no configuration at all', () => {
    const config = loadAppConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(9898);
    expect(config.database).toEqual({
      type: 'sqlite',
      path: './data/exportOdoo.sqlite',
      runMigrations: true,
    });
    expect(config.businessTimeZone).toBe('Indian/Reunion');
    expect(config.business.coefficient.toString()).toBe('1.05');
    expect(config.jobs.factures.cron).toBeNull();
  });

  it('accepts the previous tool variable names, MYSQL_* spelling', () => {
    const config = loadAppConfig({
      MYSQL_HOST: 'db.local',
      MYSQL_DATABASE: 'exportOdoo',
      MYSQL_USER: 'sync',
      MYSQL_PASSWORD: 'pw',
      CRONTAB_APP_FACTURES: '17 11 * * *           # 11h00 - Récupération factures',
      UPTIME_KUMA_PUSH_URL_VERIF_CORRESPONDANCE_ADHRENT: 'https://kuma.local/api/push/abc',
      COEFFICIENT: '1,08',
      POURCENTAGE_ANALYTIQUE: '50',
      DATE_JOUR: '7',
      API_KEY_JOUR: '30',
      API_KEY_JOUR_FACTURES: '15',
    });
    expect(config.database).toMatchObject({
      type: 'mysql',
      host: 'db.local',
      port: 3306,
      user: 'sync',
      password: 'pw',
      database: 'exportOdoo',
    });
    expect(config.jobs.factures.cron).toBe('17 11 * * *');
    expect(config.jobs['verif-correspondance'].uptimeKumaUrl).toBe('https://kuma.local/api/push/abc');
    expect(config.business.coefficient.toString()).toBe('1.08');
    expect(config.business.analyticPercentage.toString()).toBe('50');
    expect(config.business.orderDays).toBe(7);
    expect(config.urcoopa.deliveryDays).toBe(30);
  });

  it('accepts the DB_URL_* spelling and DATABASE_URL', () => {
    expect(
      loadAppConfig({
        DB_URL_HOST: 'h',
        DB_URL_PORT: '3307',
        DB_URL_USER: 'u',
        DB_URL_PASSWORD: 'p',
        DB_URL_DATABASE: 'd',
      }).database,
    ).toMatchObject({
      type: 'mysql',
      host: 'h',
      port: 3307,
      user: 'u',
      password: 'p',
      database: 'd',
    });
    expect(loadAppConfig({ DATABASE_URL: 'mysql://u:p%40ss@h:3310/exportOdoo' }).database).toMatchObject({
      host: 'h',
      port: 3310,
      password: 'p@ss',
      database: 'exportOdoo',
    });
  });

  it('refuses production without its secrets, naming each missing variable', () => {
    const found = problems({ NODE_ENV: 'production' });
    for (const name of [
      'API_KEYS',
      'SESSION_SECRET',
      'API_KEY_URCOOPA',
      'DB_ODOO',
      'USERNAME_ODOO',
      'PASSWORD_ODOO',
      'URL_ODOO',
      'MY_URCOOPA_URL',
      'STAFF_USERS',
      'DB_TYPE',
    ]) {
      expect(
        found.some((p) => p.startsWith(`${name}:`)),
        `${name} in ${found.join(' | ')}`,
      ).toBe(true);
    }
  });

  it('starts in production when every secret is given', () => {
    const config = loadAppConfig({
      NODE_ENV: 'production',
      API_KEYS: 'a-long-enough-api-key-123',
      SESSION_SECRET: 'x'.repeat(40),
      API_KEY_URCOOPA: 'k',
      MY_URCOOPA_URL: 'https://urcoopa.example/ws_sicalait/WS_Sicalait.awws?wsdl',
      URL_ODOO: 'https://odoo.example',
      DB_ODOO: 'prod',
      USERNAME_ODOO: 'api',
      PASSWORD_ODOO: 'secret',
      MYSQL_HOST: 'db',
      MYSQL_PASSWORD: 'pw',
      STAFF_USERS: `compta:${HASH}`,
    });
    expect(config.auth.staffUsers).toEqual([{ username: 'compta', passwordHash: HASH }]);
    expect(config.auth.secureCookies).toBe(true);
  });

  it('names every wrong value in one message', () => {
    const found = problems({
      PORT: 'abc',
      CRONTAB_APP_COMMANDES: '61 * * * *',
      COEFFICIENT: 'beaucoup',
      UPTIME_KUMA_PUSH_URL_FACTURES: 'not a url',
      API_KEY_DATE_REFERENCE: '2025-13-45',
      DB_TYPE: 'oracle',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'API_KEY_DATE_REFERENCE',
        'COEFFICIENT',
        'CRONTAB_APP_COMMANDES',
        'DB_TYPE',
        'PORT',
        'UPTIME_KUMA_PUSH_URL_FACTURES',
      ].sort(),
    );
    expect(() => loadAppConfig({ PORT: 'abc' })).toThrow(/PORT: must be an integer/);
  });

  it('rejects plain passwords in STAFF_USERS', () => {
    expect(problems({ STAFF_USERS: 'alice:motdepasse' })).toEqual([
      expect.stringContaining("STAFF_USERS: entry 'alice'"),
    ]);
  });
});
