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

  /** The spaces the viewer may see (post-visibility.ts), in the program's order. */
  async listVisible(viewer: Viewer): Promise<SpaceEntity[]> {
    const query = this.dataSource.getRepository(SpaceEntity).createQueryBuilder('s').orderBy('s.position').addOrderBy('s.name').addOrderBy('s.id');
    const params = new NamedParameters('space');
    const visible = visibleSpaceSql(viewer, 's', params);
    if (visible) query.where(visible, params.values);
    return query.getMany();
  }

  async findByIds(ids: readonly string[]): Promise<SpaceEntity[]> {
    return this.dataSource.getRepository(SpaceEntity).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany();
  }

  async exists(spaceId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM spaces WHERE id = $1`, [spaceId]);
    return rows.length > 0;
  }
}
