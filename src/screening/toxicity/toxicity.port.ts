/**
 * What the screening pipeline needs from a toxicity classifier. The pipeline depends on this
 * port only, so the crisis and word phases (and the evaluation script) run without tfjs loaded.
 */
export const TOXICITY_LABELS = ['identity_attack', 'insult', 'obscene', 'severe_toxicity', 'sexual_explicit', 'threat', 'toxicity'] as const;

export type ToxicityLabel = (typeof TOXICITY_LABELS)[number];

/** Probability (0..1) that the text carries each label. */
export type ToxicityScores = Record<ToxicityLabel, number>;

export interface ToxicityClassifierPort {
  /** Model identity recorded on every screening row (e.g. "toxicity-1.2.2@sha256:abcd…"). */
  readonly modelVersion: string;
  /** tfjs backend actually in use: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  readonly backend: string;
  /** Scores one text; concurrent calls may be batched together by the implementation. */
  classify(text: string): Promise<ToxicityScores>;
}
