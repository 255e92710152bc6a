import { Field, ID, InputType } from '@nestjs/graphql';
import { ReactionKind } from '../../common/domain/reaction-kind.enum';

@InputType()
export class ReactInput {
  @Field(() => ID)
  postId!: string;

  @Field(() => ReactionKind)
  kind!: ReactionKind;
}
