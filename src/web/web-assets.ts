import type { NestExpressApplication } from '@nestjs/platform-express';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { setupViews } from './view/view-setup';

/**
 * Static files of the pages (public, no session: CSS, JS, the chart library served from
 * node_modules so that the office network needs no CDN) and the Handlebars helpers/partials.
 */
export function setupWebAssets(app: NestExpressApplication, config: AppConfig, projectRoot: string): void {
  const cache = { maxAge: config.nodeEnv === 'production' ? '1d' : 0 };
  app.useStaticAssets(join(projectRoot, 'public'), { prefix: '/static/', ...cache });
  const chartJs = dirname(require.resolve('chart.js'));
  app.useStaticAssets(chartJs, { prefix: '/static/vendor/chartjs/', ...cache });
  setupViews(join(projectRoot, 'views'), config.businessTimeZone);
}
