import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * How far behind screening is, from the outbox (`screening_requests`): the admins' queue health.
 * Beside ScreeningRepository (the same owner) so the health page adds no lines to it.
 */
@Injectable()
export class ScreeningBacklogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Unfinished requests, and the age in seconds of the oldest (null when none); the pending index covers it. */
  async pendingRequests(): Promise<{ count: number; oldestAgeSeconds: number | null }> {
    const [row]: Array<{ count: number; oldest_age: number | null }> = await this.dataSource.query(
      `SELECT count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_age
       FROM screening_requests WHERE state = 'PENDING'`,
    );
    return { count: row.count, oldestAgeSeconds: row.oldest_age };
  }
}
