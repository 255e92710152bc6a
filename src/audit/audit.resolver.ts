import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/roles.decorator';
import { Role } from '../common/domain/role.enum';
import { Connection, pageSize } from '../common/pagination/connection';
import { AuditService } from './audit.service';
import { AuditEventConnection, AuditEventModel } from './models/audit-event.model';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEventConnection, { description: 'The append-only audit log, newest first (admins).' })
  auditEvents(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<AuditEventModel>> {
    return this.audit.list(pageSize(first), after);
  }
}
