import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { metricsRegistry } from './metrics';

/**
 * Prometheus scrape endpoint. It needs the X-API-Key header like every route but /health: the
 * figures are harmless, but job names, volumes and timings are the business's and Prometheus can
 * send a header (scrape_config `http_headers: { X-API-Key: { secrets: [...] } }`).
 */
@ApiTags('jobs')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in Prometheus text format', type: String })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
