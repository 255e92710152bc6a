import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '../../common/domain/role.enum';
import { ConnectionType } from '../../common/pagination/connection';

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  DISCHARGED = 'DISCHARGED',
  ERASED = 'ERASED',
}
registerEnumType(MemberStatus, { name: 'MemberStatus', description: 'Whether a member may still use the forum.' });

export enum MembershipMode {
  OPEN = 'OPEN',
  INVITED = 'INVITED',
}
registerEnumType(MembershipMode, { name: 'MembershipMode', description: 'MEMBERSHIP: any valid token joins (OPEN), or only invited subjects (INVITED).' });

/** A member as the admins' list shows them: still no subject and no claims beyond role. */
@ObjectType('MemberListing')
export class MemberListingModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => MemberStatus)
  status!: MemberStatus;

  @Field()
  joinedAt!: Date;
}

export const MemberListingConnection = ConnectionType(MemberListingModel, 'MemberListing');

@InputType('MemberFilter')
export class MemberFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the display name, any case.' })
  search?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => MemberStatus, { nullable: true })
  status?: MemberStatus | null;
}

/** An invite: admins see the invited subject, since that is what they typed. */
@ObjectType('MemberInvite')
export class MemberInviteModel {
  @Field()
  sub!: string;

  @Field(() => Role, { nullable: true, description: 'The only role the invite lets in; null: any.' })
  role!: Role | null;

  @Field()
  invitedAt!: Date;
}

export const MemberInviteConnection = ConnectionType(MemberInviteModel, 'MemberInvite');
