import { Module } from '@nestjs/common';
import { PeerAssignmentsRepository } from '../members/peer-assignments.repository';
import { ScreeningBacklogRepository } from '../screening/screening-backlog.repository';
import { ScreeningModule } from '../screening/screening.module';
import { AdminResolver } from './admin.resolver';
import { QueueHealthService } from './queue-health.service';
import { ScreeningPreviewService } from './screening-preview.service';

/**
 * The admins' program console: assignments overview, the screening preview, queue health. It sits
 * above every feature and only reads them; the owners' repositories it needs for that
 * (assignments, the screening backlog) live in the owners' folders and are provided here, so the
 * owners' modules need not change for a page only admins use.
 */
@Module({
  imports: [ScreeningModule],
  providers: [PeerAssignmentsRepository, ScreeningBacklogRepository, ScreeningPreviewService, QueueHealthService, AdminResolver],
})
export class AdminModule {}
