import { DynamicModule, Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmbeddedPostgres } from './embedded-postgres';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

/**
 * Hands an already-open, already-migrated DataSource to Nest. Opening happens before the module
 * graph is built (see `bootstrap`), so a missing database stops boot with one clear line.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource, embedded?: EmbeddedPostgres): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSource.options, autoLoadEntities: false }),
          dataSourceFactory: async () => dataSource,
        }),
      ],
      providers: [{ provide: DatabaseLifecycle, useFactory: () => new DatabaseLifecycle(dataSource, embedded) }],
    };
  }
}
