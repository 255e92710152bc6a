import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ReactionKind } from '../../common/domain/reaction-kind.enum';

@ObjectType('ReactionCount')
export class ReactionCountModel {
  @Field(() => ReactionKind)
  kind!: ReactionKind;

  @Field(() => Int)
  count!: number;
}
