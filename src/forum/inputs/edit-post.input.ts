import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class EditPostInput {
  @Field(() => ID)
  postId!: string;

  @Field({ description: 'The whole new body; the edit is screened again before anyone else sees it.' })
  body!: string;
}
