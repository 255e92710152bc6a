import { Field, ID, InputType } from '@nestjs/graphql';
import { CaseDecision } from '../common/domain/moderation.enums';

@InputType()
export class ResolveCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => CaseDecision)
  decision!: CaseDecision;

  @Field(() => String, { nullable: true, description: 'Required for REMOVE and KEEP_HELD; kept with the case for staff.' })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the author reads, in place of the standard kind note (crisis resources are still added); omit for the standard note.',
  })
  authorNote?: string | null;
}
