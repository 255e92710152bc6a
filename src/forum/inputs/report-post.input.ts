import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ReportPostInput {
  @Field(() => ID)
  postId!: string;

  @Field({ description: 'Why, in a sentence; at most 500 characters. Only staff read it.' })
  reason!: string;
}
