import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEventModel } from '../audit/models/audit-event.model';
import { Ctx } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { MemberLoaders } from './member-loaders';
import { MemberListingModel } from './models/member-listing.model';

/** A target id is free text in the log: only a uuid can name a member (the query casts to uuid). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who an audit event names, as they are now: the log stores ids only (it is append-only, and a
 * name stored there would outlive an erasure), so names are read from the members' rows when the
 * page is read, one query for the whole page. Here rather than in `audit`, which every feature
 * imports: members already depend on it, so the import runs one way.
 */
@Resolver(() => AuditEventModel)
export class AuditEventMembersResolver {
  constructor(private readonly loaders: MemberLoaders) {}

  @Roles(Role.ADMIN)
  @ResolveField(() => MemberListingModel, {
    nullable: true,
    description: 'The member who acted, by their display name now (an erased member reads "Former member", status ERASED); null for the system.',
  })
  actor(@Parent() event: AuditEventModel, @Ctx() ctx: RequestContext): Promise<MemberListingModel | null> {
    return event.actorId ? this.loaders.listingFor(ctx).load(event.actorId) : Promise.resolve(null);
  }

  @Roles(Role.ADMIN)
  @ResolveField(() => MemberListingModel, {
    nullable: true,
    description: "The member the event is about, when its target is a member (targetType 'member'); null otherwise.",
  })
  targetMember(@Parent() event: AuditEventModel, @Ctx() ctx: RequestContext): Promise<MemberListingModel | null> {
    return event.targetType === 'member' && UUID.test(event.targetId) ? this.loaders.listingFor(ctx).load(event.targetId) : Promise.resolve(null);
  }
}
