import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { MemberModel } from '../members/models/member.model';
import { MemberPseudonymService } from './member-pseudonym.service';

@Resolver()
export class MemberPseudonymResolver {
  constructor(private readonly pseudonyms: MemberPseudonymService) {}

  @Roles(Role.CLIENT)
  @Mutation(() => MemberModel, {
    description: 'Chooses the name other members see (clients; once a week; unique; no contact details; screened like a post).',
  })
  setMyPseudonym(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('displayName') displayName: string): Promise<MemberModel> {
    return this.pseudonyms.choose(viewer, displayName, ctx.requestId);
  }
}
