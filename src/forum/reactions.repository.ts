import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { ReactionEntity } from './entities/reaction.entity';

export interface ReactionTally {
  postId: string;
  kind: ReactionKind;
  count: number;
  /** Whether the viewer gave this kind. */
  mine: boolean;
}

/** `reactions`: one of each kind per member per post (the primary key). The only place that names the table. */
@Injectable()
export class ReactionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adding one the member already gave changes nothing. Returns whether it was new. */
  async add(postId: string, memberId: string, kind: ReactionKind): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ReactionEntity)
      .values({ postId, memberId, kind })
      .orIgnore()
      .returning('kind')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async remove(postId: string, memberId: string, kind: ReactionKind): Promise<void> {
    await this.dataSource.getRepository(ReactionEntity).delete({ postId, memberId, kind });
  }

  /**
   * Counts by kind and whether the viewer gave each, for every post: one query for both fields of
   * a post, from the maintained counts (post_reaction_counts) and one primary-key lookup per
   * counted kind, so its cost does not grow with the reactions table.
   */
  async tallies(postIds: readonly string[], viewerId: string | null): Promise<ReactionTally[]> {
    const rows: Array<{ post_id: string; kind: ReactionKind; count: number; mine: boolean }> = await this.dataSource.query(
      `SELECT c.post_id, c.kind, c.count,
              EXISTS (SELECT 1 FROM reactions r WHERE r.post_id = c.post_id AND r.member_id = $2 AND r.kind = c.kind) AS mine
         FROM post_reaction_counts c WHERE c.post_id = ANY($1) AND c.count > 0`,
      [postIds, viewerId],
    );
    return rows.map((r) => ({ postId: r.post_id, kind: r.kind, count: r.count, mine: r.mine }));
  }
}
