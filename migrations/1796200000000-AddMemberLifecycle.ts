import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member lifecycle (issue #17): pseudonyms that never come from the token's `name` for
 * clients, an invite list for `MEMBERSHIP=invited`, discharge and erasure; spaces that can be
 * archived; post text that can be removed (at the member's request, or after retention).
 *
 * Backfill: every client gets a generated pseudonym (their old display name may have been the
 * token's legal name), staff keep their name with their role beside it. `down` cannot bring back
 * the old display names: they are exactly what must not be shown.
 */
export class AddMemberLifecycle1796200000000 implements MigrationInterface {
  name = 'AddMemberLifecycle1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "members"
        ADD "pseudonym_chosen_at" TIMESTAMP WITH TIME ZONE,
        ADD "discharged_at" TIMESTAMP WITH TIME ZONE,
        ADD "discharged_by" uuid,
        ADD "erased_at" TIMESTAMP WITH TIME ZONE
    `);

    const members = (await queryRunner.query(`SELECT id, sub, role, display_name FROM "members" ORDER BY created_at, id`)) as Array<{
      id: string;
      sub: string;
      role: string;
      display_name: string;
    }>;
    const taken = new Set<string>();
    for (const member of members) {
      let displayName: string;
      if (member.role === 'CLIENT') {
        let attempt = 0;
        do displayName = pseudonymFor(member.sub, attempt++);
        while (taken.has(displayName.toLowerCase()));
        taken.add(displayName.toLowerCase());
      } else {
        displayName = staffDisplayName(member.display_name, member.role);
      }
      await queryRunner.query(`UPDATE "members" SET display_name = $2 WHERE id = $1`, [member.id, displayName]);
    }
    // Clients' pseudonyms are unique case-insensitively; erased members all read "Former member".
    await queryRunner.query(`
      CREATE UNIQUE INDEX "members_client_display_name" ON "members" (lower(display_name)) WHERE role = 'CLIENT' AND erased_at IS NULL
    `);

    await queryRunner.query(`
      CREATE TABLE "member_invites" (
        "sub" text NOT NULL,
        "role" text,
        "invited_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_member_invites" PRIMARY KEY ("sub")
      )
    `);

    await queryRunner.query(`ALTER TABLE "spaces" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    // When a post's text was removed (erasure or retention): the sweep skips what it already did.
    await queryRunner.query(`ALTER TABLE "posts" ADD "text_removed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE INDEX "posts_retention" ON "posts" ("status_changed_at") WHERE status IN ('HELD', 'REMOVED') AND text_removed_at IS NULL
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "posts_retention"`);
    await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "text_removed_at"`);
    await queryRunner.query(`ALTER TABLE "spaces" DROP COLUMN "archived_at"`);
    await queryRunner.query(`DROP TABLE "member_invites"`);
    await queryRunner.query(`DROP INDEX "members_client_display_name"`);
    await queryRunner.query(`
      ALTER TABLE "members" DROP COLUMN "erased_at", DROP COLUMN "discharged_by", DROP COLUMN "discharged_at", DROP COLUMN "pseudonym_chosen_at"
    `);
  }
}

// The backfill's names, copied from src/members/pseudonym.ts as it stood at 74c3d43 (this migration's
// commit): a migration keeps doing what it did, whatever the application's naming becomes later.
const ADJECTIVES = [
  'Quiet',
  'Gentle',
  'Brave',
  'Steady',
  'Bright',
  'Calm',
  'Kind',
  'Hopeful',
  'Warm',
  'Patient',
  'Curious',
  'Soft',
  'Clear',
  'Golden',
  'Still',
  'Open',
];
const NOUNS = [
  'Harbor',
  'Willow',
  'River',
  'Meadow',
  'Lantern',
  'Sparrow',
  'Cedar',
  'Tide',
  'Ember',
  'Fern',
  'Pebble',
  'Aurora',
  'Maple',
  'Heron',
  'Orchard',
  'Breeze',
];
const ROLE_LABEL: Record<string, string> = { PEER_SPECIALIST: 'peer specialist', CLINICIAN: 'clinician', ADMIN: 'program staff' };
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A stable pseudonym derived from the subject; `attempt` picks another one when the first is taken. */
function pseudonymFor(sub: string, attempt = 0): string {
  const digest = createHash('sha256')
    .update(attempt === 0 ? `pseudonym:${sub}` : `pseudonym:${sub}:${attempt}`)
    .digest();
  return `${ADJECTIVES[digest[0] % ADJECTIVES.length]} ${NOUNS[digest[1] % NOUNS.length]} ${digest.readUInt16BE(2) % 100}`;
}

/** A staff member's name with their role beside it: "Pat (peer specialist)". */
function staffDisplayName(name: string, role: string): string {
  const label = ROLE_LABEL[role];
  const base = name.replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '\uFFFD').replace(/\s+/g, ' ').trim().slice(0, 60) || 'Staff member';
  return base.toLowerCase().endsWith(`(${label})`) ? base : `${base} (${label})`;
}
