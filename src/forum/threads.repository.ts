import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { NamedParameters } from '../common/sql/sql-parameters';
import { MemberEntity } from '../members/entities/member.entity';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { visiblePostStatusSql } from './post-visibility';

/** A thread as its loader reads it: joined with what every reader of a thread looks at next. */
export type ThreadWithOpening = ThreadEntity & { firstPost?: PostEntity | null; space?: SpaceEntity | null; author?: MemberEntity | null };

/** A row of a space's thread list. */
export interface ListedThread {
  thread: ThreadEntity;
  firstPostStatus: PostStatus;
  /** last_activity_at as PostgreSQL prints it: a JS Date would cut its microseconds (see the cursor). */
  activityKey: string;
}

/** `threads`: the only place that names the table. */
@Injectable()
export class ThreadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `limit` threads of the space whose first post the viewer may see, most recent activity first,
   * after the keyset `after` (from the start when null).
   */
  async listInSpace(viewer: Viewer, spaceId: string, limit: number, after: readonly [activity: string, id: string] | null): Promise<ListedThread[]> {
    const query = this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .innerJoin(PostEntity, 'p', 'p.id = t.first_post_id')
      .addSelect('p.status', 'first_post_status')
      .addSelect('t.last_activity_at::text', 'activity_key')
      .where('t.space_id = :spaceId', { spaceId })
      .orderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit);
    const params = new NamedParameters('visibility');
    const visible = visiblePostStatusSql(viewer, 'p', params);
    if (visible) query.andWhere(visible, params.values);
    if (after) {
      const [activity, id] = after;
      query.andWhere('(t.last_activity_at, t.id) < (CAST(:activity AS timestamptz), CAST(:id AS uuid))', { activity, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ t_id: string; first_post_status: PostStatus; activity_key: string }>();
    const extras = new Map(raw.map((r) => [r.t_id, r]));
    return entities.flatMap((thread) => {
      const extra = extras.get(thread.id);
      return extra ? [{ thread, firstPostStatus: extra.first_post_status, activityKey: extra.activity_key }] : [];
    });
  }

  /**
   * Threads by id, each with its first post, space and author: whoever loads a thread checks the
   * first two next (visibility) and often shows the third, so one joined query instead of four.
   */
  async findByIdsWithOpening(ids: readonly string[]): Promise<ThreadWithOpening[]> {
    return this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .leftJoinAndMapOne('t.firstPost', PostEntity, 'p', 'p.id = t.first_post_id')
      .leftJoinAndMapOne('t.space', SpaceEntity, 's', 's.id = t.space_id')
      .leftJoinAndMapOne('t.author', MemberEntity, 'm', 'm.id = t.author_id')
      .where('t.id = ANY(:ids)', { ids })
      .getMany();
  }

  async findById(manager: EntityManager, id: string): Promise<ThreadEntity> {
    return manager.findOneByOrFail(ThreadEntity, { id });
  }

  /** Inserts and returns the whole row: TypeORM reads the database defaults back in the same statement. */
  async insert(manager: EntityManager, values: Pick<ThreadEntity, 'id' | 'spaceId' | 'authorId' | 'title' | 'firstPostId'>): Promise<ThreadEntity> {
    const row = manager.create(ThreadEntity, values);
    const result = await manager.insert(ThreadEntity, row);
    return manager.merge(ThreadEntity, row, result.generatedMaps[0]);
  }

  async rename(manager: EntityManager, id: string, title: string): Promise<void> {
    await manager.update(ThreadEntity, { id }, { title });
  }
}
