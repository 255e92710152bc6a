import { Module } from '@nestjs/common';
import { CrisisResourcesResolver } from './crisis-resources.resolver';
import { PostScreeningResolver, ScreeningLoaders } from './post-screening.resolver';
import { ScreeningRepository } from './screening.repository';
import { WatchedWordsResolver } from './watched-words.resolver';
import { WatchedWordsService } from './watched-words.service';

/** What both processes need of screening: the staff-only `Post.screening` field, the admins' watched words, the public crisis resources. */
@Module({
  providers: [ScreeningRepository, CrisisResourcesResolver, ScreeningLoaders, PostScreeningResolver, WatchedWordsService, WatchedWordsResolver],
  exports: [ScreeningRepository],
})
export class ScreeningModule {}
