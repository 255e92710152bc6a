import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The post a report is about, for the moderation worker that opens its case. */
export interface ReportedPost {
  postId: string;
  spaceId: string;
  authorId: string;
}

/** `reports`: one per member per post. The only place that names the table. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The new report's id; null when this member had already reported the post. */
  async insertOnce(manager: EntityManager, report: { postId: string; reporterId: string; reason: string }): Promise<string | null> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO reports (post_id, reporter_id, reason) VALUES ($1, $2, $3) ON CONFLICT (post_id, reporter_id) DO NOTHING RETURNING id`,
      [report.postId, report.reporterId, report.reason],
    );
    return inserted[0]?.id ?? null;
  }

  /** Distinct members who reported the post. */
  async reporterCount(manager: EntityManager, postId: string): Promise<number> {
    const [{ reporters }]: Array<{ reporters: number }> = await manager.query(`SELECT count(*)::int AS reporters FROM reports WHERE post_id = $1`, [postId]);
    return reporters;
  }

  /** Null when there is no such report. */
  async reportedPost(reportId: string, manager: EntityManager = this.dataSource.manager): Promise<ReportedPost | null> {
    const rows: Array<{ post_id: string; space_id: string; author_id: string }> = await manager.query(
      `SELECT r.post_id, p.space_id, p.author_id FROM reports r JOIN posts p ON p.id = r.post_id WHERE r.id = $1`,
      [reportId],
    );
    const row = rows[0];
    return row ? { postId: row.post_id, spaceId: row.space_id, authorId: row.author_id } : null;
  }
}
