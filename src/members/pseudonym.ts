import { createHash } from 'node:crypto';

const ADJECTIVES = ['Quiet', 'Gentle', 'Brave', 'Steady', 'Bright', 'Calm', 'Kind', 'Hopeful', 'Warm', 'Patient', 'Curious', 'Soft'];
const NOUNS = ['Harbor', 'Willow', 'River', 'Meadow', 'Lantern', 'Sparrow', 'Cedar', 'Tide', 'Ember', 'Fern', 'Pebble', 'Aurora'];

/**
 * A stable pseudonym derived from the subject, used when the identity provider sends no display
 * name. It is not reversible to the subject and never contains anything the provider knows.
 */
export function pseudonymFor(sub: string): string {
  const digest = createHash('sha256').update(`pseudonym:${sub}`).digest();
  return `${ADJECTIVES[digest[0] % ADJECTIVES.length]} ${NOUNS[digest[1] % NOUNS.length]} ${digest.readUInt16BE(2) % 1000}`;
}
