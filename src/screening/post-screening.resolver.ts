import { Injectable } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Ctx } from '../common/auth/current-viewer.decorator';
import { scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { RequestContext } from '../common/auth/viewer';
import { requestLoader } from '../common/graphql/request-loaders';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { PostModel } from '../forum/models/post.model';
import { ScreeningEntity } from './entities/screening.entity';
import { CrisisEvidenceModel, ScreeningModel } from './models/screening.model';
import { ScreeningRepository } from './screening.repository';

const LOADER_KEY = 'screening.byPostRevision';

interface StoredEvidence {
  phrase?: unknown;
  construct?: unknown;
  effectiveTier?: unknown;
  discount?: unknown;
}

function toEvidence(stored: unknown): CrisisEvidenceModel {
  const e = (stored ?? {}) as StoredEvidence;
  const level = typeof e.effectiveTier === 'string' && e.effectiveTier in CrisisLevel ? (e.effectiveTier as CrisisLevel) : CrisisLevel.NONE;
  return {
    phrase: typeof e.phrase === 'string' ? e.phrase : '',
    construct: typeof e.construct === 'string' ? e.construct : 'unknown',
    level,
    discount: typeof e.discount === 'string' ? e.discount : null,
  };
}

export function toScreeningModel(row: ScreeningEntity): ScreeningModel {
  return {
    id: row.id,
    revision: row.revision,
    decision: row.decision,
    reasons: row.reasons,
    crisisLevel: row.crisisLevel,
    crisisEvidence: row.crisisEvidence.map(toEvidence),
    toxicity: Object.entries(row.toxicity ?? {})
      .map(([label, score]) => ({ label, score }))
      .sort((a, b) => b.score - a.score),
    toxicityStatus: row.toxicityStatus,
    modelVersion: row.modelVersion,
    screenedAt: row.screenedAt,
  };
}

/** Loads screenings by `postId|revision` in the viewer's staff scope, one query per request tick. */
@Injectable()
export class ScreeningLoaders {
  constructor(private readonly screenings: ScreeningRepository) {}

  for(ctx: RequestContext): DataLoader<string, ScreeningEntity | null> {
    const scope = staffScopeOf(ctx.viewer);
    return requestLoader(ctx, LOADER_KEY, async (keys) => {
      const pairs = keys.map((key) => key.split('|'));
      const rows = await this.screenings.forPostRevisions(
        pairs.map(([postId, revision]) => ({ postId, revision: Number(revision) })),
        scope,
      );
      return new Map(rows.map((row) => [`${row.postId}|${row.revision}`, row]));
    });
  }
}

/** Adds the staff-only `Post.screening` field without the forum knowing about screening. */
@Resolver(() => PostModel)
export class PostScreeningResolver {
  constructor(private readonly loaders: ScreeningLoaders) {}

  @ResolveField(() => ScreeningModel, {
    nullable: true,
    description:
      "The screening of the post's current revision: staff who work the post's space only (null for clients, for peer specialists of other spaces, and while it is being screened).",
  })
  async screening(@Parent() post: PostModel, @Ctx() ctx: RequestContext): Promise<ScreeningModel | null> {
    if (!scopeCovers(staffScopeOf(ctx.viewer), post.spaceId)) return null;
    const row = await this.loaders.for(ctx).load(`${post.id}|${post.revision}`);
    return row ? toScreeningModel(row) : null;
  }
}
