import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class EditPostInput {
  @Field(() => ID)
  postId!: string;

  @Field({ description: 'The whole new body; the edit is screened again before anyone else sees it.' })
  body!: string;

  @Field(() => String, { nullable: true, description: "A new thread title: only for a thread's first post, screened with the body. Omit to keep it." })
  title?: string | null;
}
