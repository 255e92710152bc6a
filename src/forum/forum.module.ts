import { Module } from '@nestjs/common';

/** Spaces, threads, posts, reactions and reports: the part clients live in. */
@Module({})
export class ForumModule {}
