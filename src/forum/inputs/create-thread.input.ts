import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateThreadInput {
  @Field(() => ID)
  spaceId!: string;

  @Field({ description: 'One line, at most 200 characters.' })
  title!: string;

  @Field({ description: 'Limited HTML from a rich-text editor, or plain text; at most 20,000 characters of text.' })
  body!: string;
}
