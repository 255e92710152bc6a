import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class EscalateCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field({ description: 'Why a clinician should look; required.' })
  note!: string;
}
