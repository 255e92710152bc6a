import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Viewer } from '../common/auth/viewer';
import { SpaceModel } from './models/space.model';
import { SpacesService } from './spaces.service';

@Resolver(() => SpaceModel)
export class SpacesResolver {
  constructor(private readonly spacesService: SpacesService) {}

  @Query(() => [SpaceModel], { description: 'The spaces the signed-in member may read and post in.' })
  async spaces(@CurrentViewer() viewer: Viewer): Promise<SpaceModel[]> {
    return (await this.spacesService.listVisible(viewer)).map((space) => SpaceModel.from(space));
  }
}
