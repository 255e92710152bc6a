import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { isStaff } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { SpaceEntity } from './entities/space.entity';
import { ForumLoaderSet } from './forum-loaders';
import { canSeeSpace } from './post-visibility';

@Injectable()
export class SpacesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The spaces the viewer may read and post in, in the program's order. */
  async listVisible(viewer: Viewer): Promise<SpaceEntity[]> {
    const query = this.dataSource.getRepository(SpaceEntity).createQueryBuilder('s').orderBy('s.position').addOrderBy('s.name').addOrderBy('s.id');
    if (!isStaff(viewer.role)) query.where('(s.cohort IS NULL OR s.cohort = :cohort)', { cohort: viewer.cohort });
    return query.getMany();
  }

  /** A space the viewer may see; NOT_FOUND otherwise, so a hidden cohort's space is not even confirmed to exist. */
  async requireVisible(viewer: Viewer, spaceId: string, loaders: ForumLoaderSet): Promise<SpaceEntity> {
    const space = await loaders.space.load(spaceId);
    if (!space || !canSeeSpace(viewer, space)) throw AppError.notFound('Space');
    return space;
  }
}
