import { Injectable } from '@nestjs/common';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { SpaceEntity } from './entities/space.entity';
import { ForumLoaderSet } from './forum-loaders';
import { canSeeSpace } from './post-visibility';
import { SpacesRepository } from './spaces.repository';

@Injectable()
export class SpacesService {
  constructor(private readonly spaces: SpacesRepository) {}

  /** The spaces the viewer may read and post in, in the program's order. */
  async listVisible(viewer: Viewer): Promise<SpaceEntity[]> {
    return this.spaces.listVisible(viewer);
  }

  /** A space the viewer may see; NOT_FOUND otherwise, so a hidden cohort's space is not even confirmed to exist. */
  async requireVisible(viewer: Viewer, spaceId: string, loaders: ForumLoaderSet): Promise<SpaceEntity> {
    const space = await loaders.space.load(spaceId);
    if (!space || !canSeeSpace(viewer, space)) throw AppError.notFound('Space');
    return space;
  }
}
