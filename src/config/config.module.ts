import { DynamicModule, Global, Module } from '@nestjs/common';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated configuration (and the business clock built from it) to every module. */
@Global()
@Module({})
export class ConfigModule {
  static register(config: AppConfig, clock?: BusinessClock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: BusinessClock, useValue: clock ?? new BusinessClock(config.businessTimeZone) },
      ],
      exports: [APP_CONFIG, BusinessClock],
    };
  }
}
