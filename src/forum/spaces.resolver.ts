import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { CreateSpaceInput, UpdateSpaceInput } from './inputs/space.inputs';
import { SpaceModel } from './models/space.model';
import { SpaceAssignmentsService } from './space-assignments.service';
import { SpacesService } from './spaces.service';

@Resolver(() => SpaceModel)
export class SpacesResolver {
  constructor(
    private readonly spacesService: SpacesService,
    private readonly assignments: SpaceAssignmentsService,
  ) {}

  @Query(() => [SpaceModel], { description: 'The spaces the signed-in member may read and post in.' })
  async spaces(@CurrentViewer() viewer: Viewer): Promise<SpaceModel[]> {
    return (await this.spacesService.listVisible(viewer)).map((space) => SpaceModel.from(space));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => SpaceModel, { description: 'Creates a topic space, optionally limited to one cohort (admins, audited).' })
  async createSpace(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: CreateSpaceInput): Promise<SpaceModel> {
    return SpaceModel.from(await this.spacesService.create(viewer, input, ctx.requestId));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => SpaceModel, { description: "Changes a space's name, description or cohort (admins, audited)." })
  async updateSpace(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: UpdateSpaceInput): Promise<SpaceModel> {
    return SpaceModel.from(await this.spacesService.update(viewer, parseId(input.id, 'id'), input, ctx.requestId));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => SpaceModel, { description: "Archives a space: read-only, and hidden from clients' lists (admins, audited)." })
  async archiveSpace(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<SpaceModel> {
    return SpaceModel.from(await this.spacesService.archive(viewer, parseId(id, 'id'), ctx.requestId));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Assigns a peer specialist to a space: they then see its held posts and cases (admins).' })
  assignPeerSpecialist(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('spaceId', { type: () => ID }) spaceId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<boolean> {
    return this.assignments.assign(viewer, parseId(spaceId, 'spaceId'), parseId(memberId, 'memberId'), ctx.requestId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Takes a peer specialist off a space, at once (admins).' })
  unassignPeerSpecialist(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('spaceId', { type: () => ID }) spaceId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<boolean> {
    return this.assignments.unassign(viewer, parseId(spaceId, 'spaceId'), parseId(memberId, 'memberId'), ctx.requestId);
  }
}
