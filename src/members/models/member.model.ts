import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/domain/role.enum';

/** What the API shows of a member: a pseudonym and a role, never the subject or other claims. */
@ObjectType('Member')
export class MemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;
}
