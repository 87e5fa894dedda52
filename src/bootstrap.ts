import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { AppModule, AppModuleOptions } from './app.module';
import { bodyParsers } from './common/http/body-parsing';
import type { AppConfig } from './config/app-config';
import { setupWebAssets } from './web/web-assets';

export const PROJECT_ROOT = join(__dirname, '..');

/** Builds the configured application (without listening): shared by main.ts, the demo and the tests. */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.set('trust proxy', config.auth.trustProxy);
  // No ETag on dynamic answers: each page carries a fresh CSRF token, so a hash of the body never
  // matches and only costs a SHA-1 of every response (static files keep theirs).
  app.set('etag', false);
  for (const parser of bodyParsers()) app.use(parser);
  app.setBaseViewsDir(join(PROJECT_ROOT, 'views'));
  app.setViewEngine('hbs');
  // Templates compiled once (Express only caches them when process.env.NODE_ENV is 'production');
  // development re-reads them so that an edited template shows at once.
  app.set('view cache', config.nodeEnv !== 'development');
  setupWebAssets(app, config, PROJECT_ROOT);
  setupSwagger(app);
  return app;
}

function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('urcoopa-sync')
      .setDescription(
        'Sicalait: Urcoopa (SOAP) → exportOdoo (MySQL) → Odoo 17 (XML-RPC). Every route needs the X-API-Key header except /health.',
      )
      .setVersion('0.1.0')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .addSecurityRequirements('api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
