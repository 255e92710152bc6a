import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../../common/auth/current-viewer.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../../common/auth/viewer';
import { Role, STAFF_ROLES } from '../../common/domain/role.enum';
import { parseId } from '../../common/graphql/ids';
import { AppConfig } from '../../config/app-config';
import { ForumLoaders } from '../../forum/forum-loaders';
import { MemberModel } from '../../members/models/member.model';
import { CreateOnCallShiftInput, OnCallGapModel, OnCallNowModel, OnCallShiftModel } from './on-call.model';
import { OnCallRosterService } from './on-call-roster.service';

/** The on-call roster: admins keep it; every staff member may see who is on call now. Thin: rules in OnCallRosterService. */
@Resolver(() => OnCallShiftModel)
export class OnCallRosterResolver {
  constructor(
    private readonly roster: OnCallRosterService,
    private readonly forum: ForumLoaders,
    private readonly config: AppConfig,
  ) {}

  @Roles(Role.ADMIN, Role.CLINICIAN)
  @Query(() => [OnCallShiftModel], { description: 'Shifts overlapping [from, to), earliest first (admins, clinicians).' })
  onCallShifts(@Args('from', { type: () => Date }) from: Date, @Args('to', { type: () => Date }) to: Date): Promise<OnCallShiftModel[]> {
    return this.roster.list(from, to);
  }

  @Roles(Role.ADMIN, Role.CLINICIAN)
  @Query(() => [OnCallGapModel], { description: 'Periods of [from, to) with no PRIMARY on call, and overlapping shifts of one tier (admins, clinicians).' })
  onCallGaps(@Args('from', { type: () => Date }) from: Date, @Args('to', { type: () => Date }) to: Date): Promise<OnCallGapModel[]> {
    return this.roster.gaps(from, to);
  }

  @Roles(Role.ADMIN)
  @Query(() => [MemberModel], { description: 'Clinicians who may be put on call (not discharged), by name: for the roster (admins).' })
  onCallClinicians(): Promise<MemberModel[]> {
    return this.roster.clinicians();
  }

  @Roles(...STAFF_ROLES)
  @Query(() => OnCallNowModel, { description: 'Who is on call right now (staff).' })
  async onCallNow(@Ctx() ctx: RequestContext): Promise<OnCallNowModel> {
    const now = await this.roster.onCallNow();
    const loader = this.forum.for(ctx).member;
    const load = async (ids: string[]) => (await loader.loadMany(ids)).filter((m): m is MemberModel => m !== null && !(m instanceof Error));
    const [primaries, backups] = await Promise.all([load(now.primary), load(now.backup)]);
    return {
      primary: primaries[0] ?? null,
      backup: backups[0] ?? null,
      primaries,
      backups,
      covered: primaries.length > 0,
      timeZone: this.config.programTimeZone,
    };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OnCallShiftModel, { description: 'Adds a shift (admins, audited). The clinician must have the CLINICIAN role.' })
  createOnCallShift(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: CreateOnCallShiftInput): Promise<OnCallShiftModel> {
    return this.roster.create(viewer, { ...input, clinicianId: parseId(input.clinicianId, 'clinicianId') }, ctx.requestId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OnCallShiftModel, { description: 'Removes a shift (admins, audited); returns what was removed.' })
  deleteOnCallShift(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<OnCallShiftModel> {
    return this.roster.delete(viewer, parseId(id), ctx.requestId);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  clinician(@Parent() shift: OnCallShiftModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return this.forum.for(ctx).member.load(shift.clinicianId);
  }
}
