/**
 * npm run model:fetch [-- --dir models/toxicity] [--model-url U] [--vocab-url U]
 *
 * Downloads the real toxicity model (model.json + every shard it lists) and the tokenizer
 * vocabulary, checks them (sizes, no HTML page in place of a file), writes them atomically and
 * prints the environment lines that point the worker at them. Defaults to the public Google
 * Storage copies (the tfhub.dev address built into the package is dead).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TOXICITY_MODEL_URL, DEFAULT_TOXICITY_VOCAB_URL, fetchToxicityModel } from './model-fetch/toxicity-model-fetch';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'models/toxicity' },
      'model-url': { type: 'string', default: DEFAULT_TOXICITY_MODEL_URL },
      'vocab-url': { type: 'string', default: DEFAULT_TOXICITY_VOCAB_URL },
    },
  });
  console.log(`Downloading ${values['model-url']} (+ shards) and ${values['vocab-url']} …`);
  const fetched = await fetchToxicityModel({
    dir: values.dir,
    modelUrl: values['model-url'],
    vocabUrl: values['vocab-url'],
  });
  console.log(`Wrote ${fetched.files.length} files to ${fetched.dir}:`);
  for (const file of fetched.files) {
    console.log(`  ${file.name}  ${file.bytes} bytes`);
  }
  console.log('\nSet these in the worker environment (.env):');
  console.log(`TOXICITY_MODEL_URL=${fetched.env.TOXICITY_MODEL_URL}`);
  console.log(`TOXICITY_VOCAB_URL=${fetched.env.TOXICITY_VOCAB_URL}`);
}

main().catch((error: unknown) => {
  console.error(`model:fetch failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
