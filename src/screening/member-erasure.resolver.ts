import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { MemberModel } from '../members/models/member.model';
import { MemberErasureService } from './member-erasure.service';

@Resolver()
export class MemberErasureResolver {
  constructor(private readonly erasure: MemberErasureService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => MemberModel, {
    description:
      'At the member\'s request: removes the text of everything they wrote and the evidence quoting it, replaces their pseudonym with "Former member" and ends their access (admins, audited).',
  })
  eraseMember(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('memberId', { type: () => ID }) memberId: string): Promise<MemberModel> {
    return this.erasure.erase(viewer, parseId(memberId, 'memberId'), ctx.requestId);
  }
}
