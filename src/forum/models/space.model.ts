import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SpaceEntity } from '../entities/space.entity';

@ObjectType('Space', { description: 'A topic space, optionally limited to one cohort of clients.' })
export class SpaceModel {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true, description: 'The cohort this space is limited to, if any.' })
  cohort!: string | null;

  @Field({ description: 'Archived spaces are read-only; clients no longer see them in their list.' })
  archived!: boolean;

  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;

  static from(entity: SpaceEntity): SpaceModel {
    return Object.assign(new SpaceModel(), {
      id: entity.id,
      slug: entity.slug,
      name: entity.name,
      description: entity.description,
      cohort: entity.cohort,
      archived: entity.archivedAt !== null,
      archivedAt: entity.archivedAt,
    });
  }
}
