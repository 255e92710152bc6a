import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { MembershipService } from './membership.service';
import { MemberModel } from './models/member.model';

@Resolver()
export class MembershipResolver {
  constructor(private readonly membership: MembershipService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, {
    description: "Lets the identity provider's subject join while MEMBERSHIP=invited, optionally only as the given role (admins, audited).",
  })
  inviteMember(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('sub') sub: string,
    @Args('role', { type: () => Role, nullable: true }) role: Role | null,
  ): Promise<boolean> {
    return this.membership.invite(viewer, sub, role ?? null, ctx.requestId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Takes a subject off the invite list; a member who already joined keeps access (admins, audited).' })
  revokeInvite(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('sub') sub: string): Promise<boolean> {
    return this.membership.revokeInvite(viewer, sub, ctx.requestId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MemberModel, {
    description:
      'Discharges a member: from now on every request and subscription of theirs is refused; their posts stay under their pseudonym (admins, audited).',
  })
  dischargeMember(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('memberId', { type: () => ID }) memberId: string): Promise<MemberModel> {
    return this.membership.discharge(viewer, parseId(memberId, 'memberId'), ctx.requestId);
  }
}
