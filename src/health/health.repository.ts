import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The readiness probe's one statement; health owns no table. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves once PostgreSQL answered a statement through the app's pool. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
