import { Controller, Get, Module, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';

class ProbeQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  nb_jours?: number;
}

/** A route mounted only in this test, to exercise the global guard, pipe and filter. */
@Controller('api/probe')
class ProbeController {
  @Get()
  ok(@Query() query: ProbeQueryDto) {
    return { ok: true, nb_jours: query.nb_jours ?? null };
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2 at /srv/app/secret.ts:12');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEnv(), { extraModules: [ProbeModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves liveness and readiness without a key', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', database: 'up', type: 'sqlite' });
  });

  it('answers 401 without an API key, or with a wrong one', async () => {
    const res = await t.http.get('/api/probe').expect(401);
    expect(res.body.message).toMatch(/X-API-Key/);
    await t.http.get('/api/probe').set('X-API-Key', 'wrong-key-0123456789').expect(401);
    await t.http.get('/api/probe').query({ xCleAPI: TEST_API_KEY }).expect(401);
  });

  it('answers 200 with the key', async () => {
    await t.http.get('/api/probe').set('X-API-Key', TEST_API_KEY).expect(200, { ok: true, nb_jours: null });
  });

  it('answers 400 naming the field on a bad parameter, and rejects unknown ones', async () => {
    const bad = await t.http.get('/api/probe?nb_jours=abc').set('X-API-Key', TEST_API_KEY).expect(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
    expect(bad.body.message.join(' ')).toMatch(/^nb_jours: /);
    const unknown = await t.http.get('/api/probe?drop_table=1').set('X-API-Key', TEST_API_KEY).expect(400);
    expect(unknown.body.message.join(' ')).toContain('drop_table');
  });

  it('hides internal errors: 500 with a correlation id, no message, no stack', async () => {
    const res = await t.http
      .get('/api/probe/boom')
      .set('X-API-Key', TEST_API_KEY)
      .set('X-Request-Id', 'req-42')
      .expect(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      message: expect.stringContaining('correlation id'),
      correlationId: 'req-42',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|secret\.ts|at /);
  });

  it('documents the routes in OpenAPI with the API key scheme and no secret example', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.components.securitySchemes['api-key']).toEqual({
      type: 'apiKey',
      name: 'X-API-Key',
      in: 'header',
    });
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    expect(JSON.stringify(res.body)).not.toContain(TEST_API_KEY);
    await t.http.get('/docs').expect(200);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
