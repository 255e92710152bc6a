import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID)
  caseId!: string;

  @Field({ description: 'What you did or noticed (outreach made, context from group); staff only, never shown to the client.' })
  note!: string;
}
