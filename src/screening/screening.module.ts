import { Module } from '@nestjs/common';
import { PostScreeningResolver, ScreeningLoaders } from './post-screening.resolver';
import { WatchedWordsResolver } from './watched-words.resolver';
import { WatchedWordsService } from './watched-words.service';

/** What both processes need of screening: the staff-only `Post.screening` field, the admins' watched words. */
@Module({ providers: [ScreeningLoaders, PostScreeningResolver, WatchedWordsService, WatchedWordsResolver] })
export class ScreeningModule {}
