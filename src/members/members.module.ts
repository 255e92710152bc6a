import { Module } from '@nestjs/common';
import { VIEWER_DIRECTORY } from '../common/auth/viewer-directory';
import { AuditEventMembersResolver } from './audit-event-members.resolver';
import { MemberDirectoryResolver } from './member-directory.resolver';
import { MemberAccessChanges } from './member-access-changes';
import { MemberLoaders } from './member-loaders';
import { MembersRepository } from './members.repository';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { MembershipResolver } from './membership.resolver';
import { MembershipService } from './membership.service';

/**
 * Members and which spaces peer specialists work. Provides `common`'s ViewerDirectory (who a token
 * belongs to), so common never imports this feature.
 */
@Module({
  providers: [
    MembersRepository,
    MemberAccessChanges,
    MembersService,
    MembersResolver,
    MemberLoaders,
    MembershipService,
    MembershipResolver,
    MemberDirectoryResolver,
    AuditEventMembersResolver,
    { provide: VIEWER_DIRECTORY, useExisting: MembersService },
  ],
  exports: [MembersRepository, MembersService, MemberLoaders, VIEWER_DIRECTORY],
})
export class MembersModule {}
