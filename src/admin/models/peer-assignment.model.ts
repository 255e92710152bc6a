import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PeerSpecialistAssignment', { description: 'A peer specialist and the spaces they are assigned to (admins).' })
export class PeerSpecialistAssignmentModel {
  @Field(() => ID, { description: 'The peer specialist\'s member id.' })
  memberId!: string;

  @Field()
  displayName!: string;

  @Field(() => [ID], { description: 'The spaces they are assigned to (names from `spaces`). Empty: they look after every space that has no peer specialist of its own.' })
  spaceIds!: string[];
}
