import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/domain/role.enum';
import { MemberEntity } from '../entities/member.entity';

/** What the API shows of a member: a pseudonym and a role, never the subject or other claims. */
@ObjectType('Member')
export class MemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  /** Only the shown fields: a plain object, so loaders can cache it for the request. */
  static from(entity: MemberEntity): MemberModel {
    return { id: entity.id, displayName: entity.displayName, role: entity.role };
  }
}
