import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, openDatabase } from './data-source';

/** TypeORM on the configured database; migrations are applied at start unless DB_RUN_MIGRATIONS=false. */
@Module({})
export class DatabaseModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(config.database),
          dataSourceFactory: () => openDatabase(config.database),
        }),
      ],
    };
  }
}
