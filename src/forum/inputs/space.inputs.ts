import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateSpaceInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Limit the space to one cohort of clients; null or absent: every client.' })
  cohort?: string | null;
}

@InputType({ description: 'Only the fields given change; cohort null opens the space to every client.' })
export class UpdateSpaceInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  cohort?: string | null;
}
