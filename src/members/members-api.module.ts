import { Module, OnModuleInit } from '@nestjs/common';
import { MembersModule } from './members.module';
import { MembersService } from './members.service';

/**
 * The API side of members. Only a process that serves requests caches viewers, so only it
 * subscribes to the discharge announcements that keep that cache honest: a worker would hold a
 * Redis connection open for a cache it never reads. Publishing works in every process.
 */
@Module({ imports: [MembersModule] })
export class MembersApiModule implements OnModuleInit {
  constructor(private readonly members: MembersService) {}

  onModuleInit(): void {
    this.members.listenForAccessChanges();
  }
}
