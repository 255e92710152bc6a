import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../common/auth/viewer';
import { requestLoader } from '../common/graphql/request-loaders';
import { MembersRepository } from './members.repository';
import { MemberListingModel, MemberStatus } from './models/member-listing.model';
import { MemberModel } from './models/member.model';

const MEMBER_LOADER = 'members.byId';
const LISTING_LOADER = 'members.listingById';

/**
 * Members by id for one request, as the API shows them (a pseudonym and a role): every author,
 * assignee and note writer on a page costs one query. Loaders that read members with something
 * else (a thread with its author) prime this one.
 */
@Injectable()
export class MemberLoaders {
  constructor(private readonly members: MembersRepository) {}

  for(ctx: RequestContext): DataLoader<string, MemberModel | null> {
    return requestLoader(ctx, MEMBER_LOADER, async (ids) => new Map((await this.members.findByIds(ids)).map((m) => [m.id, MemberModel.from(m)])));
  }

  /** Members by id as admins see them, with their status now (for admin-only fields: the audit log's actors). */
  listingFor(ctx: RequestContext): DataLoader<string, MemberListingModel | null> {
    return requestLoader(
      ctx,
      LISTING_LOADER,
      async (ids) => new Map((await this.members.listingsByIds(ids)).map((m) => [m.id, { ...m, status: m.status as MemberStatus }])),
    );
  }
}
