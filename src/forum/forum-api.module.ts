import { Module, OnModuleInit } from '@nestjs/common';
import { ForumModule } from './forum.module';
import { SharedThreadPages } from './shared-thread-pages';

/**
 * The API side of the forum. Only a process that serves requests caches thread pages, so only it
 * holds the LISTEN connection that keeps that cache honest: a worker neither listens nor caches.
 */
@Module({ imports: [ForumModule] })
export class ForumApiModule implements OnModuleInit {
  constructor(private readonly pages: SharedThreadPages) {}

  onModuleInit(): void {
    this.pages.listenForChanges();
  }
}
