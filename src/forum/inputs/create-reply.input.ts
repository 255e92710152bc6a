import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateReplyInput {
  @Field(() => ID)
  threadId!: string;

  @Field({ description: 'Limited HTML from a rich-text editor, or plain text; at most 20,000 characters of text.' })
  body!: string;

  @Field(() => ID, { nullable: true, description: 'A published post in the same thread that this reply quotes.' })
  quotePostId?: string | null;
}
