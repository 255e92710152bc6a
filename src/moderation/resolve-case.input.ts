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
}
