import { Module } from '@nestjs/common';
import { CrisisResourcesResolver } from './crisis-resources.resolver';
import { PostScreeningResolver, ScreeningLoaders } from './post-screening.resolver';
import { WatchedWordsResolver } from './watched-words.resolver';
import { WatchedWordsService } from './watched-words.service';

/** What both processes need of screening: the staff-only `Post.screening` field, the admins' watched words, the public crisis resources. */
@Module({ providers: [CrisisResourcesResolver, ScreeningLoaders, PostScreeningResolver, WatchedWordsService, WatchedWordsResolver] })
export class ScreeningModule {}
