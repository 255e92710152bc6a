import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/roles.decorator';
import { Role } from '../common/domain/role.enum';
import { Connection, pageSize, toConnection } from '../common/pagination/connection';
import { CursorPart, CursorParts, cursorFormat } from '../common/pagination/cursor';
import { stripUnsafeChars } from '../common/text/unsafe-characters';
import { AppConfig } from '../config/app-config';
import { MembersRepository } from './members.repository';
import {
  MemberFilterInput,
  MemberInviteConnection,
  MemberInviteModel,
  MemberListingConnection,
  MemberListingModel,
  MembershipMode,
} from './models/member-listing.model';

/** An invited subject as a cursor value: any text up to the invite's limit. */
const SUB_PART: CursorPart<string> = { encode: (v) => v, decode: (raw) => (typeof raw === 'string' && raw.length > 0 && raw.length <= 255 ? raw : undefined) };
const MEMBER_CURSOR = cursorFormat<[string, string]>(CursorParts.timestamp, CursorParts.uuid);
const INVITE_CURSOR = cursorFormat<[string, string]>(CursorParts.timestamp, SUB_PART);

/** What admins need to manage membership: who is a member, who is invited, and which mode the server runs in. Admins only. */
@Resolver()
export class MemberDirectoryResolver {
  constructor(
    private readonly repository: MembersRepository,
    private readonly config: AppConfig,
  ) {}

  @Roles(Role.ADMIN)
  @Query(() => MemberListingConnection, { description: 'Members, newest joined first, optionally filtered (admins). Never their subject.' })
  async members(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => MemberFilterInput, nullable: true }) filter?: MemberFilterInput,
  ): Promise<Connection<MemberListingModel>> {
    const limit = pageSize(first);
    const search = filter?.search ? stripUnsafeChars(filter.search).trim().slice(0, 64) : null;
    const rows = await this.repository.listForAdmins(limit + 1, MEMBER_CURSOR.decode(after), { search, role: filter?.role, status: filter?.status });
    return toConnection(
      rows,
      limit,
      (r) => MEMBER_CURSOR.encode([r.cursorAt, r.id]),
      (r) => ({ id: r.id, displayName: r.displayName, role: r.role, status: r.status as MemberListingModel['status'], joinedAt: r.joinedAt }),
    );
  }

  @Roles(Role.ADMIN)
  @Query(() => MemberInviteConnection, { description: 'The invite list (used while MEMBERSHIP=invited), newest first (admins).' })
  async memberInvites(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<MemberInviteModel>> {
    const limit = pageSize(first);
    const rows = await this.repository.invites(limit + 1, INVITE_CURSOR.decode(after));
    return toConnection(
      rows,
      limit,
      (r) => INVITE_CURSOR.encode([r.cursorAt, r.sub]),
      (r) => ({ sub: r.sub, role: r.role, invitedAt: r.invitedAt }),
    );
  }

  @Roles(Role.ADMIN)
  @Query(() => MembershipMode, { description: 'Who may join: any valid token (OPEN) or only invited subjects (INVITED); set by MEMBERSHIP (admins).' })
  membershipMode(): MembershipMode {
    return this.config.membership.mode === 'invited' ? MembershipMode.INVITED : MembershipMode.OPEN;
  }
}
