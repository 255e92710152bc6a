import { Field, ObjectType } from '@nestjs/graphql';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';
import { CrisisEvidenceModel, ScreeningDecisionKind } from '../../screening/models/screening.model';

@ObjectType('WatchedWordPreviewHit', { description: 'A watched word, built-in or from the admins\' list, that the sample text matched.' })
export class WatchedWordPreviewHitModel {
  @Field({ description: 'ADMIN_LIST, SLUR, DIRECTED_PROFANITY, INCITEMENT_TO_SELF_HARM, TARGETED_INSULT, GROUP_DEROGATION or CALL_FOR_VIOLENCE.' })
  source!: string;

  @Field({ description: 'The words matched, normalised.' })
  phrase!: string;

  @Field({ description: 'HOLD or FLAG.' })
  action!: string;

  @Field({ description: 'Why this action, in a sentence.' })
  why!: string;
}

@ObjectType('ScreeningPreview', {
  description:
    'What screening would do with a sample text: normalise, crisis patterns, the learned crisis model and speaker frames, watched words, and the policy. ' +
    'Nothing is stored or logged. The toxicity model runs only in the worker and is NOT part of the preview, so a text it alone would hold shows as published here.',
})
export class ScreeningPreviewModel {
  @Field(() => ScreeningDecisionKind)
  decision!: ScreeningDecisionKind;

  @Field(() => String, { nullable: true, description: 'What a held post would show as its reason (CRISIS, THREAT, WATCHED_WORD, ...); null when published.' })
  heldReason!: string | null;

  @Field(() => [String], { description: 'The moderation case reasons (CRISIS, WATCHED_WORD, CHECK_IN, ...).' })
  reasons!: string[];

  @Field(() => String, { nullable: true, description: 'Priority of the case it would open; null when none.' })
  casePriority!: string | null;

  @Field(() => String, { nullable: true, description: 'Severity of the clinicians\' escalation it would raise; null when none.' })
  escalationSeverity!: string | null;

  @Field(() => String, { nullable: true, description: 'What the author would be sent (CRISIS_RESOURCES, SUPPORTIVE_RESOURCES, POST_HELD); null when nothing.' })
  authorNotice!: string | null;

  @Field(() => CrisisLevel)
  crisisLevel!: CrisisLevel;

  @Field(() => [CrisisEvidenceModel])
  crisisEvidence!: CrisisEvidenceModel[];

  @Field(() => [WatchedWordPreviewHitModel])
  watchedWordHits!: WatchedWordPreviewHitModel[];

  @Field({ description: 'False when the learned crisis model could not be loaded: the patterns decided alone.' })
  crisisModelUsed!: boolean;

  @Field({ description: 'Always false: the toxicity model is not part of the preview (it runs only in the worker).' })
  toxicityIncluded!: boolean;
}
