import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { NamedParameters } from '../common/sql/sql-parameters';
import { SpaceEntity } from './entities/space.entity';
import { visibleSpaceSql } from './post-visibility';

/** `spaces`, the topic spaces: the only place that names the table. */
@Injectable()
export class SpacesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The spaces the viewer may see (post-visibility.ts), in the program's order; archived ones only when `withArchived` (staff). */
  async listVisible(viewer: Viewer, withArchived: boolean): Promise<SpaceEntity[]> {
    const query = this.dataSource.getRepository(SpaceEntity).createQueryBuilder('s').orderBy('s.position').addOrderBy('s.name').addOrderBy('s.id');
    const params = new NamedParameters('space');
    const visible = visibleSpaceSql(viewer, 's', params);
    if (visible) query.where(visible, params.values);
    if (!withArchived) query.andWhere('s.archived_at IS NULL');
    return query.getMany();
  }

  /** A new space at the end of the program's order. */
  async create(manager: EntityManager, values: { slug: string; name: string; description: string; cohort: string | null }): Promise<SpaceEntity> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO spaces (slug, name, description, cohort, position)
       VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(position), 0) + 1 FROM spaces)) RETURNING id`,
      [values.slug, values.name, values.description, values.cohort],
    );
    return manager.getRepository(SpaceEntity).findOneByOrFail({ id: rows[0].id });
  }

  /** Null when there is no such space. */
  async update(manager: EntityManager, spaceId: string, changes: Partial<Pick<SpaceEntity, 'name' | 'description' | 'cohort'>>): Promise<SpaceEntity | null> {
    if (Object.keys(changes).length > 0) await manager.update(SpaceEntity, { id: spaceId }, changes);
    return manager.getRepository(SpaceEntity).findOneBy({ id: spaceId });
  }

  /** Archives the space (once: the first archive time stays); null when there is no such space. */
  async archive(manager: EntityManager, spaceId: string): Promise<{ space: SpaceEntity; archivedNow: boolean } | null> {
    const space = await manager.getRepository(SpaceEntity).findOneBy({ id: spaceId });
    if (!space) return null;
    if (space.archivedAt) return { space, archivedNow: false };
    await manager.update(SpaceEntity, { id: spaceId }, { archivedAt: () => 'now()' });
    return { space: await manager.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId }), archivedNow: true };
  }

  async slugTaken(manager: EntityManager, slug: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM spaces WHERE slug = $1`, [slug]);
    return rows.length > 0;
  }

  /** True when the space is archived (read-only); false also when there is no such space. */
  async isArchived(spaceId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: Array<{ archived: boolean }> = await manager.query(`SELECT archived_at IS NOT NULL AS archived FROM spaces WHERE id = $1`, [spaceId]);
    return rows[0]?.archived ?? false;
  }

  async findByIds(ids: readonly string[]): Promise<SpaceEntity[]> {
    return this.dataSource.getRepository(SpaceEntity).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany();
  }

  async exists(spaceId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM spaces WHERE id = $1`, [spaceId]);
    return rows.length > 0;
  }
}
