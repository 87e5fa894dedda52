import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import type { AppModuleOptions } from '../../src/app.module';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadAppConfig } from '../../src/config/app-config';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

/** Environment of a test app: SQLite in memory unless told otherwise, quiet logs, a known API key. */
export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    DB_TYPE: 'sqlite',
    SQLITE_PATH: ':memory:',
    API_KEYS: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

export function mysqlEnv(db: {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}) {
  return {
    DB_TYPE: 'mysql',
    MYSQL_HOST: db.host,
    MYSQL_PORT: String(db.port),
    MYSQL_USER: db.user,
    MYSQL_PASSWORD: db.password,
    MYSQL_DATABASE: db.database,
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

/** The real application (real config loader, real migrations, real guards and filters), listening on a random port. */
export async function startTestApp(
  env: Record<string, string | undefined> = testEnv(),
  options: AppModuleOptions = {},
): Promise<TestApp> {
  const config = loadAppConfig(env);
  const app = await createApp(config, options);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    http: supertest(app.getHttpServer()),
    close: () => app.close(),
  };
}
