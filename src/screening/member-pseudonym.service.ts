import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { isPseudonymTaken, MembersRepository } from '../members/members.repository';
import { MembersService } from '../members/members.service';
import { MemberModel } from '../members/models/member.model';
import { cleanChosenPseudonym } from '../members/pseudonym';
import { detectCrisis } from './pipeline/crisis-detector';
import { normaliseText } from './pipeline/normalise';
import { matchWatchedWords } from './pipeline/watched-words';
import { ScreeningRepository } from './screening.repository';

/** A client may choose their pseudonym once in this many days. */
export const PSEUDONYM_CHANGE_DAYS = 7;

/**
 * `setMyPseudonym`: here, not in members, because a chosen name is screened like a post (the
 * crisis and watched-word phases) and members sits below screening. Members' repository keeps
 * the rules that live in its table: once a week, unique case-insensitively.
 */
@Injectable()
export class MemberPseudonymService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly directory: MembersService,
    private readonly screenings: ScreeningRepository,
    private readonly audit: AuditService,
  ) {}

  async choose(viewer: Viewer, raw: string, requestId: string): Promise<MemberModel> {
    const displayName = cleanChosenPseudonym(raw);
    const nextAllowedAt = await this.members.nextPseudonymChoiceAt(viewer.memberId, PSEUDONYM_CHANGE_DAYS);
    if (nextAllowedAt) throw tooSoon(nextAllowedAt);
    await this.screen(displayName);

    try {
      await this.dataSource.transaction(async (manager) => {
        const choice = await this.members.choosePseudonym(manager, viewer.memberId, displayName, PSEUDONYM_CHANGE_DAYS);
        if (!choice.chosen) {
          if (choice.nextAllowedAt) throw tooSoon(choice.nextAllowedAt);
          throw AppError.forbidden('Only clients choose a pseudonym; staff are shown by their name and role.');
        }
        // No name in the audit details: the event says who changed it and when; the row says what it is now.
        await this.audit.record(
          { actorId: viewer.memberId, actorRole: viewer.role, action: 'member.pseudonym_chosen', targetType: 'member', targetId: viewer.memberId, requestId },
          manager,
        );
      });
    } catch (error) {
      if (isPseudonymTaken(error)) throw AppError.conflict('Someone already goes by that name. Please choose another.');
      throw error;
    }
    this.directory.forgetCachedViewers();
    return { id: viewer.memberId, displayName, role: viewer.role };
  }

  /** The same crisis and watched-word phases as a post: a name everyone reads must not carry either. */
  private async screen(displayName: string): Promise<void> {
    const normalised = normaliseText(displayName);
    const crisis = detectCrisis(normalised);
    const words = matchWatchedWords(normalised, await this.screenings.watchedWordEntries());
    if (crisis.level !== 'NONE' || crisis.threatToOthers || words.hits.length > 0) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'That name cannot be used here. Please choose another.', { field: 'displayName', reason: 'SCREENED' });
    }
  }
}

function tooSoon(nextAllowedAt: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((nextAllowedAt.getTime() - Date.now()) / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, `You can choose a new name once a week: next on ${nextAllowedAt.toISOString().slice(0, 10)}.`, {
    retryAfter,
    allowedAt: nextAllowedAt.toISOString(),
  });
}
