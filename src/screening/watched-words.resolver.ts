import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { parseId } from '../common/graphql/ids';
import { AddWatchedWordInput, WatchedWordModel } from './models/watched-word.model';
import { WATCHED_WORDS_CACHE_MS } from './watched-words.cache';
import { WatchedWordsService } from './watched-words.service';

/** Admins keep the watched-word list; every change is audited. */
@Roles(Role.ADMIN)
@Resolver(() => WatchedWordModel)
export class WatchedWordsResolver {
  constructor(private readonly words: WatchedWordsService) {}

  @Query(() => [WatchedWordModel], { description: 'The watched words and what each does (admins).' })
  watchedWords(): Promise<WatchedWordModel[]> {
    return this.words.list();
  }

  @Mutation(() => WatchedWordModel, {
    description: `Adds a watched word, or changes the action of one already listed (admins, audited). Screening uses it within ${WATCHED_WORDS_CACHE_MS / 1000} s (the workers cache the list).`,
  })
  setWatchedWord(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('input') input: AddWatchedWordInput): Promise<WatchedWordModel> {
    return this.words.add(viewer, input.term, input.action, ctx.requestId);
  }

  @Mutation(() => Boolean, {
    description: `Takes a watched word off the list (admins, audited). Screening stops using it within ${WATCHED_WORDS_CACHE_MS / 1000} s (the workers cache the list).`,
  })
  removeWatchedWord(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.words.remove(viewer, parseId(id), ctx.requestId);
  }
}
