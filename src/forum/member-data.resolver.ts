import { Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { MemberDataExportService } from './member-data-export.service';

@Resolver()
export class MemberDataResolver {
  constructor(private readonly exports: MemberDataExportService) {}

  @Query(() => String, {
    description: 'Everything you wrote or received here (posts with their revisions, reactions, reports, notifications), as a JSON document. Audited.',
  })
  exportMyData(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<string> {
    return this.exports.exportFor(viewer, ctx.requestId);
  }
}
