import { type CrisisLevel, isAtLeast } from '../pipeline/crisis-detector';

/**
 * How the learned model joins the patterns: at or above its threshold it raises a post to
 * MODERATE (a person looks at it); it never lowers what the patterns found, so a pattern's HIGH
 * or IMMINENT stands whatever the model says, and below its threshold it changes nothing.
 */
export function crisisLevelWithModel(patternLevel: CrisisLevel, model: { readonly aboveThreshold: boolean } | null): CrisisLevel {
  if (!model?.aboveThreshold || isAtLeast(patternLevel, 'MODERATE')) return patternLevel;
  return 'MODERATE';
}
