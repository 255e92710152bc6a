import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WatchedWordAction } from '../entities/watched-word.entity';

registerEnumType(WatchedWordAction, { name: 'WatchedWordAction', description: 'HOLD holds the post for review; FLAG publishes it and opens a case.' });

@ObjectType('WatchedWord')
export class WatchedWordModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Matched after normalisation, so spacing and look-alike letters do not escape it.' })
  term!: string;

  @Field(() => WatchedWordAction)
  action!: WatchedWordAction;

  @Field()
  createdAt!: Date;
}

@InputType()
export class AddWatchedWordInput {
  @Field({ description: 'A word or short phrase, 1 to 100 characters.' })
  term!: string;

  @Field(() => WatchedWordAction)
  action!: WatchedWordAction;
}
