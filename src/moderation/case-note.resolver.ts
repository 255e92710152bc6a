import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth/current-viewer.decorator';
import { RequestContext } from '../common/auth/viewer';
import { ForumLoaders } from '../forum/forum-loaders';
import { MemberModel } from '../members/models/member.model';
import { CaseNoteModel } from './models/moderation-case.model';

/** A staff note's fields beyond its row. */
@Resolver(() => CaseNoteModel)
export class CaseNoteResolver {
  constructor(private readonly forum: ForumLoaders) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'Who wrote the note, by pseudonym.' })
  author(@Parent() note: CaseNoteModel, @Ctx() ctx: RequestContext): Promise<MemberModel | null> {
    return note.authorId ? this.forum.for(ctx).member.load(note.authorId) : Promise.resolve(null);
  }
}
