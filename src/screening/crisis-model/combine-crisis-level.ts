import { type CrisisAssessment, type CrisisLevel, isAtLeast } from '../pipeline/crisis-detector';
import type { CrisisModelResult } from './crisis-model';

/**
 * How the learned model joins the patterns: at or above its threshold it raises a post to
 * MODERATE (a person looks at it); it never lowers what the patterns found, so a pattern's HIGH
 * or IMMINENT stands whatever the model says, and below its threshold it changes nothing.
 */
export function crisisLevelWithModel(patternLevel: CrisisLevel, model: { readonly aboveThreshold: boolean } | null): CrisisLevel {
  if (!model?.aboveThreshold || isAtLeast(patternLevel, 'MODERATE')) return patternLevel;
  return 'MODERATE';
}

/**
 * The crisis assessment the policy decides on: the patterns' own, raised to MODERATE when the
 * model is over its threshold, with the model's evidence (probability, the features that raised
 * it) beside the patterns' phrases so staff see why. Below its threshold the model adds nothing.
 */
export function crisisWithModel(patterns: CrisisAssessment, model: CrisisModelResult | null): CrisisAssessment {
  if (!model?.aboveThreshold) return patterns;
  const level = crisisLevelWithModel(patterns.level, model);
  const features = model.topFeatures.map((item) => `${item.feature} +${item.contribution.toFixed(2)}`).join(', ');
  return {
    ...patterns,
    level,
    evidence: [
      ...patterns.evidence,
      {
        patternId: `model.${model.modelVersion}`,
        construct: 'LEARNED_MODEL',
        tier: 'MODERATE',
        effectiveTier: 'MODERATE',
        phrase: `probability ${model.probability.toFixed(2)} (threshold ${model.threshold}): ${features}`.slice(0, 240),
        discount: null,
      },
    ],
  };
}
