import { Module } from '@nestjs/common';
import { PostScreeningResolver, ScreeningLoaders } from './post-screening.resolver';

/** What both processes need of screening: the staff-only `Post.screening` field. */
@Module({ providers: [ScreeningLoaders, PostScreeningResolver] })
export class ScreeningModule {}
