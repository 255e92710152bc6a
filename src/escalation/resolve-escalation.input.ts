import { Field, ID, InputType } from '@nestjs/graphql';
import { EscalationOutcome } from '../common/domain/escalation.enums';

@InputType()
export class ResolveEscalationInput {
  @Field(() => ID)
  escalationId!: string;

  @Field(() => EscalationOutcome)
  outcome!: EscalationOutcome;

  @Field({ description: 'What was done and why; required.' })
  note!: string;
}
