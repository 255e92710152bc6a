import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Roles } from '../common/auth/roles.decorator';
import { Role } from '../common/domain/role.enum';
import { Connection, pageSize } from '../common/pagination/connection';
import { AuditService } from './audit.service';
import { AuditCsvExportModel } from './models/audit-csv-export.model';
import { AuditEventFilterInput } from './models/audit-event-filter.input';
import { AuditEventConnection, AuditEventModel } from './models/audit-event.model';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEventConnection, { description: 'The append-only audit log, newest first, optionally filtered (admins).' })
  auditEvents(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => AuditEventFilterInput, nullable: true }) filter?: AuditEventFilterInput,
  ): Promise<Connection<AuditEventModel>> {
    return this.audit.list(pageSize(first), after, filter);
  }

  // A mutation, not a query: taking a copy of the log writes an audit event.
  @Roles(Role.ADMIN)
  @Mutation(() => AuditCsvExportModel, {
    description: 'The filtered audit log as CSV, newest first, at most 10,000 events; the export is itself audited (admins).',
  })
  exportAuditEventsCsv(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AuditEventFilterInput, nullable: true }) filter?: AuditEventFilterInput,
  ): Promise<AuditCsvExportModel> {
    return this.audit.exportCsv(viewer, filter, ctx.requestId);
  }
}
