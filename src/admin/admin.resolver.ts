import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { RequestContext, Viewer } from '../common/auth/viewer';
import { Role } from '../common/domain/role.enum';
import { MAX_BODY_TEXT_CHARS } from '../forum/post-body.sanitizer';
import { PeerAssignmentsRepository } from '../members/peer-assignments.repository';
import { QueueName } from '../queue/queue.types';
import { PeerSpecialistAssignmentModel } from './models/peer-assignment.model';
import { QueueHealthModel } from './models/queue-health.model';
import { ScreeningPreviewModel } from './models/screening-preview.model';
import { QueueHealthService } from './queue-health.service';
import { ScreeningPreviewService } from './screening-preview.service';

/** Query cost of a sample text, like a post body's: one per thousand characters it may hold. */
const SAMPLE_COST = MAX_BODY_TEXT_CHARS / 1_000;

/** The program console's own queries and mutations: every one for admins only. */
@Roles(Role.ADMIN)
@Resolver()
export class AdminResolver {
  constructor(
    private readonly assignments: PeerAssignmentsRepository,
    private readonly previews: ScreeningPreviewService,
    private readonly queues: QueueHealthService,
  ) {}

  @Query(() => [PeerSpecialistAssignmentModel], { description: 'Every peer specialist and the spaces each is assigned to (admins).' })
  peerSpecialistAssignments(): Promise<PeerSpecialistAssignmentModel[]> {
    return this.assignments.peerSpecialistsWithSpaces();
  }

  @Query(() => ScreeningPreviewModel, {
    complexity: SAMPLE_COST,
    description:
      '"Would this be caught?": runs the screening phases the API has (normalise, crisis patterns, learned crisis model, speaker frames, watched words, policy) on a sample text ' +
      'without storing or logging it. The toxicity model runs only in the worker and is not part of the preview. At most 20,000 characters; rate-limited (admins).',
  })
  previewScreening(@CurrentViewer() viewer: Viewer, @Args('text') text: string): Promise<ScreeningPreviewModel> {
    return this.previews.preview(viewer, text);
  }

  @Query(() => QueueHealthModel, { description: 'Job counts per BullMQ queue and the oldest pending screening (admins).' })
  queueHealth(): Promise<QueueHealthModel> {
    return this.queues.health();
  }

  @Mutation(() => Int, { description: "Puts a queue's failed jobs back to run again (at most 1,000 a call); answers how many. Audited (admins)." })
  retryFailedJobs(@CurrentViewer() viewer: Viewer, @Ctx() ctx: RequestContext, @Args('queue', { type: () => QueueName }) queue: QueueName): Promise<number> {
    return this.queues.retryFailed(viewer, queue, ctx.requestId);
  }
}
