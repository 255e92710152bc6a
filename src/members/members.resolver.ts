import { Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { MemberLoaders } from './member-loaders';
import { MemberModel } from './models/member.model';

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(private readonly loaders: MemberLoaders) {}

  @Query(() => MemberModel, { description: 'The signed-in member.' })
  async me(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<MemberModel> {
    // The row, not the cached viewer: a pseudonym chosen through another API process shows at once.
    const member = await this.loaders.for(ctx).load(viewer.memberId);
    return { id: viewer.memberId, displayName: member?.displayName ?? viewer.displayName, role: viewer.role };
  }
}
