import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { AppError } from '../common/errors/app-error';
import { stripUnsafeChars } from '../common/text/unsafe-characters';
import { WatchedWordAction } from './entities/watched-word.entity';
import { normaliseText } from './pipeline/normalise';
import { WatchedWordModel } from './models/watched-word.model';
import { ScreeningRepository } from './screening.repository';

const MAX_TERM_LENGTH = 100;

/**
 * The admin-managed list. Terms are stored normalised (the form the matcher compares), so two
 * spellings of one word cannot both sit in the list. Workers pick changes up within their cache
 * time (WATCHED_WORDS_CACHE_MS).
 */
@Injectable()
export class WatchedWordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly screenings: ScreeningRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<WatchedWordModel[]> {
    return this.screenings.watchedWords();
  }

  async add(viewer: Viewer, rawTerm: string, action: WatchedWordAction, requestId: string): Promise<WatchedWordModel> {
    // Cleaned like post text (NUL would fail the insert): the term must look like what it is matched against.
    const term = normaliseText(stripUnsafeChars(rawTerm)).text.trim();
    if (term.length === 0 || term.length > MAX_TERM_LENGTH) {
      throw AppError.badInput('term', `term must be 1 to ${MAX_TERM_LENGTH} characters of text.`);
    }
    return this.dataSource.transaction(async (manager) => {
      const word = await this.screenings.setWatchedWord(manager, term, action, viewer.memberId);
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'watched_word.set',
          targetType: 'watched_word',
          targetId: word.id,
          requestId,
          details: { action },
        },
        manager,
      );
      return word;
    });
  }

  async remove(viewer: Viewer, id: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.screenings.removeWatchedWord(manager, id))) throw AppError.notFound('Watched word');
      await this.audit.record(
        { actorId: viewer.memberId, actorRole: viewer.role, action: 'watched_word.removed', targetType: 'watched_word', targetId: id, requestId },
        manager,
      );
      return true;
    });
  }
}
