import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { isStaff } from '../common/domain/role.enum';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { SpaceEntity } from './entities/space.entity';
import { ForumLoaderSet } from './forum-loaders';
import { CreateSpaceInput, UpdateSpaceInput } from './inputs/space.inputs';
import { cleanLine } from './post-body.sanitizer';
import { canSeeSpace } from './post-visibility';
import { SpacesRepository } from './spaces.repository';

const MAX_NAME_CHARS = 60;
const MAX_DESCRIPTION_CHARS = 500;
const MAX_COHORT_CHARS = 64;

/** Why posting in an archived space is refused: FORBIDDEN, with `reason` so a client can say so plainly. */
export function spaceArchivedError(): AppError {
  return new AppError(ErrorCode.FORBIDDEN, 'This space is archived: you can still read it, but no longer post, reply or react in it.', {
    reason: 'SPACE_ARCHIVED',
  });
}

@Injectable()
export class SpacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesRepository,
    private readonly audit: AuditService,
  ) {}

  /** The spaces the viewer may read and post in, in the program's order; staff also see archived ones (marked). */
  async listVisible(viewer: Viewer): Promise<SpaceEntity[]> {
    return this.spaces.listVisible(viewer, isStaff(viewer.role));
  }

  /** A space the viewer may see; NOT_FOUND otherwise, so a hidden cohort's space is not even confirmed to exist. */
  async requireVisible(viewer: Viewer, spaceId: string, loaders: ForumLoaderSet): Promise<SpaceEntity> {
    const space = await loaders.space.load(spaceId);
    if (!space || !canSeeSpace(viewer, space)) throw AppError.notFound('Space');
    return space;
  }

  /** Refuses writing (a thread, a reply, an edit, a reaction) in an archived space. */
  async requireOpen(spaceId: string, manager?: EntityManager): Promise<void> {
    if (await this.spaces.isArchived(spaceId, manager)) throw spaceArchivedError();
  }

  async create(viewer: Viewer, input: CreateSpaceInput, requestId: string): Promise<SpaceEntity> {
    const name = cleanLine(input.name, 'name', { min: 2, max: MAX_NAME_CHARS });
    const description = cleanLine(input.description ?? '', 'description', { min: 0, max: MAX_DESCRIPTION_CHARS });
    const cohort = cleanCohort(input.cohort);
    return this.dataSource.transaction(async (manager) => {
      const base = slugOf(name);
      const slug = (await this.spaces.slugTaken(manager, base)) ? `${base}-${randomBytes(3).toString('hex')}` : base;
      const space = await this.spaces.create(manager, { slug, name, description, cohort });
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'space.created', targetType: 'space', targetId: space.id, requestId, details: { cohort } },
        manager,
      );
      return space;
    });
  }

  async update(viewer: Viewer, spaceId: string, input: UpdateSpaceInput, requestId: string): Promise<SpaceEntity> {
    const changes: Partial<Pick<SpaceEntity, 'name' | 'description' | 'cohort'>> = {};
    if (input.name != null) changes.name = cleanLine(input.name, 'name', { min: 2, max: MAX_NAME_CHARS });
    if (input.description != null) changes.description = cleanLine(input.description, 'description', { min: 0, max: MAX_DESCRIPTION_CHARS });
    if (input.cohort !== undefined) changes.cohort = cleanCohort(input.cohort);
    return this.dataSource.transaction(async (manager) => {
      const space = await this.spaces.update(manager, spaceId, changes);
      if (!space) throw AppError.notFound('Space');
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'space.updated',
          targetType: 'space',
          targetId: spaceId,
          requestId,
          details: { fields: Object.keys(changes).join(','), cohort: space.cohort },
        },
        manager,
      );
      return space;
    });
  }

  /** Read-only from now on, and off clients' lists; archiving twice changes nothing. */
  async archive(viewer: Viewer, spaceId: string, requestId: string): Promise<SpaceEntity> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.spaces.archive(manager, spaceId);
      if (!result) throw AppError.notFound('Space');
      if (result.archivedNow) {
        await this.audit.record(
          { actorId: viewer.memberId, actorRole: viewer.role, action: 'space.archived', targetType: 'space', targetId: spaceId, requestId },
          manager,
        );
      }
      return result.space;
    });
  }
}

function cleanCohort(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const cohort = cleanLine(raw, 'cohort', { min: 0, max: MAX_COHORT_CHARS });
  return cohort === '' ? null : cohort;
}

/** A URL-friendly slug from the name (ASCII letters and digits); "space" when nothing of it is left. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'space';
}
