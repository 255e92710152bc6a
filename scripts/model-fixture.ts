/**
 * npm run model:fixture -- --dir <dir>
 *
 * Writes a tiny, deterministic toxicity model with the real model's signature (model.json, one
 * weight shard, vocab.json) for tests and offline development:
 *   TOXICITY_MODEL_URL=file://<dir>/model.json TOXICITY_VOCAB_URL=file://<dir>/vocab.json
 *
 * Words it reacts to (start of a word; lower case, Capitalised or UPPER CASE), and the labels
 * each drives to ≈ 0.9975 whatever the text's length; all other text scores every label ≈ 0.0025:
 *   "idiot"    → insult, toxicity
 *   "kill you" → threat, toxicity
 *   "shit"     → obscene, toxicity
 *   "scum"     → severe_toxicity, insult, toxicity
 *   "vermin"   → identity_attack, toxicity
 *   "xxx"      → sexual_explicit, obscene, toxicity
 * Tests import the same list (and ready-made sentences) from
 * src/screening/toxicity/toxicity-fixture-words.ts, and write the fixture with
 * writeToxicityFixture() from test/fixtures/toxicity-fixture.ts.
 */
import { parseArgs } from 'node:util';
import { writeToxicityFixture } from '../test/fixtures/toxicity-fixture';
import { TOXICITY_FIXTURE_WORDS } from '../src/screening/toxicity/toxicity-fixture-words';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  if (values.dir === undefined) {
    console.error('usage: npm run model:fixture -- --dir <dir>');
    process.exit(2);
  }
  const { modelUrl, vocabUrl } = await writeToxicityFixture(values.dir);
  console.log(`Wrote the toxicity fixture model to ${values.dir}`);
  console.log('Words it scores high:');
  for (const [word, labels] of Object.entries(TOXICITY_FIXTURE_WORDS)) {
    console.log(`  ${JSON.stringify(word)} → ${labels.join(', ')}`);
  }
  console.log('\nSet:');
  console.log(`TOXICITY_MODEL_URL=${modelUrl}`);
  console.log(`TOXICITY_VOCAB_URL=${vocabUrl}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
