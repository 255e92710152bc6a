import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * One home for each table (issue #12): a feature's `*.repository.ts` files are the only code that
 * names its tables, and they name no other feature's. Everything else asks a repository. This
 * spec reads every file of src (but src/database, the DataSource's own home, and specs) and fails
 * on what breaks that:
 * - outside repositories: a `.query(` call, a query builder or Repository (`createQueryBuilder`,
 *   `getRepository`, `@InjectRepository`), an entity class handed to a call (`manager.insert(X, ...)`,
 *   `.innerJoin(X, ...)`), or a table name in a SQL string;
 * - in a repository: a table (by SQL or by entity) its feature does not own, unless listed in
 *   CROSSING_READS with the reason it must cross.
 * Every allow-list entry must still be needed, so they cannot outlive what they excuse.
 */

/** Who owns each table. A feature reads another's only through that feature's exported repository methods. */
const TABLE_OWNERS: Record<string, string> = {
  members: 'members',
  space_moderators: 'members',
  member_invites: 'members',
  spaces: 'forum',
  threads: 'forum',
  posts: 'forum',
  post_revisions: 'forum',
  reactions: 'forum',
  thread_post_counts: 'forum',
  post_reaction_counts: 'forum',
  reports: 'forum',
  notifications: 'notifications',
  audit_events: 'audit',
  screenings: 'screening',
  screening_requests: 'screening',
  watched_words: 'screening',
  moderation_cases: 'moderation',
  case_notes: 'moderation',
  escalations: 'escalation',
  risk_signals: 'escalation',
  webhook_deliveries: 'escalation',
  on_call_shifts: 'escalation',
  escalation_signals: 'escalation',
  escalation_pages: 'escalation',
  email_deliveries: 'escalation',
  escalation_outreach: 'escalation',
  staff_contacts: 'escalation',
  insights_member_slots: 'insights',
  insights_daily_posts: 'insights',
  insights_daily_cases: 'insights',
  insights_daily_escalations: 'insights',
  insights_rollup_state: 'insights',
  insights_program_daily_posts: 'insights',
  insights_program_daily_cases: 'insights',
  insights_program_daily_escalations: 'insights',
  insights_program_weekly_posts: 'insights',
  insights_program_weekly_cases: 'insights',
  insights_program_weekly_escalations: 'insights',
  insights_dirty_days: 'insights',
};

/**
 * Tables a repository names although another feature owns them, keyed by repository, then table,
 * each with the reason it must cross: a read that is part of a statement that must stay one
 * statement (mostly a staff-scope or author join), or the outbox's one write. Entries marked
 * TEMPORARY have a home in the owner's repository already; once the caller uses it, the
 * stale-entry check below asks for the entry to go.
 */
const CROSSING_READS: Record<string, Record<string, string>> = {
  'src/forum/posts.repository.ts': {
    // Screening sits above forum, so it cannot lend this check; a separate read would let a post
    // be published between the check and the write.
    screenings: 'move(): a post becomes PUBLISHED only while a screening of its current revision exists, checked inside the UPDATE itself',
    members: "threadPages(): a page of posts joins its authors (the page nearly always shows them), one statement instead of two, priming the members' loader",
  },
  'src/forum/forum-notifications.repository.ts': {
    members: "publishedReply(): the reply's author's display name with the reply, one statement in the screening worker's decide transaction instead of two",
  },
  'src/forum/screening-outbox.repository.ts': {
    // The outbox: a revision's screening request commits with the revision (in createReply, in
    // the same statement), and forum cannot call screening, the feature above it.
    screening_requests: 'recordRevision() / revisionForScreeningCte(): the one write of a screening request, beside its revision',
  },
  'src/forum/threads.repository.ts': {
    members:
      "findByIdsWithOpening() / readWithPage(): a thread is read with its first post, space and author (and readWithPage: its page of posts with their authors) in one statement (read benchmark: 9 statements to 1), priming the members' loader",
  },
  // Moderation's and escalation's reads of lower tables, gathered in one file each (their table of reasons is in the file).
  'src/moderation/moderation-crossing-reads.repository.ts': {
    posts:
      "screeningEvidence, reportCountsByPost, threadNeighbourIds: non-public reads limited to the viewer's staff scope by the post's space in the same statement",
    screenings: 'screeningEvidence: screening sits above moderation, so moderation cannot call its repository',
    reports: "reportsWithoutCase anti-joins reports with moderation's own cases in one statement",
  },
  'src/screening/screening.repository.ts': {
    posts: "forPostRevisions: a screening is staff-only by its post's space, joined in the same statement",
  },
  // Insights sits at the top of the import graph and counts what every feature recorded. Every read
  // below is a read-only aggregate (counts, times, percentiles; never post text) computed in one
  // statement per figure so the rollup and the live tail share one definition; it writes only its
  // own insights_* tables.
  'src/insights/insights.repository.ts': {
    posts: 'post, thread and reply counts by first publication; time to first reply; unanswered threads (read-only aggregates)',
    threads: "a post's thread, to tell first posts from replies and find a thread's author (read-only aggregate)",
    members: "authors' roles (clients for activeClients, peer specialists for their replies) and member slots for distinct counts (read-only)",
    reactions: 'reactions per day and space (read-only aggregate)',
    spaces: 'whether an asked-for space exists (read-only)',
    moderation_cases: 'cases opened, time to first look, decided within due, an escalation’s space (read-only aggregates)',
    escalations: 'escalations raised, time to acknowledge, within deadline, climbs (read-only aggregates)',
  },
  'src/escalation/escalation-crossing-reads.repository.ts': {
    posts: "latestRiskSignalsInScope: the staff scope is the post's space, one joined statement for a page of cases",
  },
};

/** Files outside repositories that may call something named `query`, and why it is not SQL. */
const NOT_DATA_ACCESS: Record<string, string> = {
  'src/common/graphql/jit-execution.ts': "graphql-jit's compiled query: executes a GraphQL document, no SQL",
  'src/common/sql/prepared-statement.ts': 'runs the text a repository hands it (as a prepared statement); names no table',
};

// ---------------------------------------------------------------------------------------------

const SRC = join(__dirname, '..');
const ROOT = join(SRC, '..');

/** Method names that are data access whatever they are called on. */
const DATA_ACCESS_CALLS = new Set(['query', 'createQueryBuilder', 'getRepository', 'getTreeRepository', 'getMongoRepository', 'withRepository']);
const DATA_ACCESS_DECORATORS = new Set(['InjectRepository', 'InjectEntityManager']);
/**
 * A table after the SQL words that name one. The code writes SQL keywords in capitals, which is
 * how this tells SQL from prose ("signals from posts in your spaces"); CTE names and aliases are
 * not tables, so they never match TABLE_OWNERS.
 */
const TABLE_IN_SQL = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)"?/g;

interface Finding {
  file: string;
  line: number;
  /** The table it names, when it names one. */
  table: string | null;
  what: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function repoPath(path: string): string {
  return relative(ROOT, path).split(sep).join('/');
}

/** `src/<feature>/...` → feature; '' for files at the top of src. */
function featureOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : '';
}

/** The table of every entity class, by its @Entity('name'). */
function entityTables(): Map<string, { table: string; file: string }> {
  const tables = new Map<string, { table: string; file: string }>();
  for (const path of sourceFiles(SRC).filter((p) => p.endsWith('.entity.ts'))) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/@Entity\('([a-z_]+)'\)[^]*?export class (\w+)/g)) tables.set(match[2], { table: match[1], file: repoPath(path) });
  }
  return tables;
}

/** Everything in one file that reads or writes a table, by the rules above. */
function scan(file: string, text: string, entities: Map<string, { table: string }>): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && DATA_ACCESS_CALLS.has(callee.name.text)) {
        findings.push({ file, line: at(node), table: null, what: `.${callee.name.text}(` });
      }
      if (ts.isIdentifier(callee) && DATA_ACCESS_DECORATORS.has(callee.text)) findings.push({ file, line: at(node), table: null, what: `@${callee.text}` });
      for (const arg of node.arguments) {
        const entity = ts.isIdentifier(arg) ? entities.get(arg.text) : undefined;
        if (entity) findings.push({ file, line: at(arg), table: entity.table, what: `entity ${arg.getText(source)} as a query target` });
      }
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const match of node.text.matchAll(TABLE_IN_SQL)) {
        const table = match[1];
        if (table in TABLE_OWNERS) findings.push({ file, line: at(node), table, what: `table ${table} in SQL` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** What the rules refuse in a file (before the allow-lists). */
function refused(finding: Finding): boolean {
  if (!finding.file.endsWith('.repository.ts')) return true;
  return finding.table !== null && TABLE_OWNERS[finding.table] !== featureOf(finding.file);
}

function guardedFiles(): string[] {
  return sourceFiles(SRC)
    .map(repoPath)
    .filter((file) => !file.startsWith('src/database/') && !file.endsWith('.spec.ts'));
}

describe('table ownership: only repositories name tables, and only their own', () => {
  const entities = entityTables();
  const findings = guardedFiles().flatMap((file) => scan(file, readFileSync(join(ROOT, file), 'utf8'), entities));
  const excused = (f: Finding) => f.file in NOT_DATA_ACCESS || (f.table !== null && CROSSING_READS[f.file]?.[f.table] !== undefined);

  it("should find no table access outside repositories, nor a repository naming another feature's table, beyond the allow-lists", () => {
    const unexcused = findings.filter((f) => refused(f) && !excused(f)).map((f) => `${f.file}:${f.line} ${f.what}`);
    expect(unexcused).toEqual([]);
  });

  it('should keep no allow-list entry that nothing needs any more', () => {
    const refusedFindings = findings.filter(refused);
    const stale = [
      ...Object.keys(NOT_DATA_ACCESS).filter((file) => !refusedFindings.some((f) => f.file === file)),
      ...Object.entries(CROSSING_READS).flatMap(([file, tables]) =>
        Object.keys(tables)
          .filter((table) => !refusedFindings.some((f) => f.file === file && f.table === table))
          .map((table) => `${file} ${table}`),
      ),
    ];
    expect(stale).toEqual([]);
  });

  it("should give every table of the migrations an owner, and keep each entity in its owner's folder", () => {
    const migrated = new Set(
      readdirSync(join(ROOT, 'migrations')).flatMap((name) =>
        [...readFileSync(join(ROOT, 'migrations', name), 'utf8').matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1]),
      ),
    );
    expect([...migrated].sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
    const misplaced = [...entities.values()]
      .filter(({ table, file }) => featureOf(file) !== TABLE_OWNERS[table])
      .map(({ table, file }) => `${file} (${table})`);
    expect(misplaced).toEqual([]);
  });

  describe('the scanner', () => {
    const sut = (file: string, text: string) => scan(file, text, new Map([['PostEntity', { table: 'posts' }]])).filter(refused);

    it('should refuse raw SQL, query builders, repositories and entity targets in a service', () => {
      const text = [
        `import { PostEntity } from './entities/post.entity';`,
        `class A { constructor(@InjectRepository(PostEntity) r: unknown) {} }`,
        `manager.query('SELECT 1');`,
        `dataSource.getRepository(PostEntity).createQueryBuilder('p');`,
        `manager.insert(PostEntity, {});`,
        'const sql = `UPDATE posts SET status = ${s} WHERE id IN (SELECT post_id FROM reports)`;',
      ].join('\n');
      expect(sut('src/forum/posting.service.ts', text).map((f) => f.what)).toEqual([
        '@InjectRepository',
        'entity PostEntity as a query target',
        '.query(',
        '.createQueryBuilder(',
        '.getRepository(',
        'entity PostEntity as a query target',
        'entity PostEntity as a query target',
        'table posts in SQL',
        'table reports in SQL',
      ]);
    });

    it("should let a repository name its own feature's tables only", () => {
      const text =
        "manager.query(`SELECT 1 FROM posts p JOIN screenings s ON s.post_id = p.id`);\nrepo.find(PostEntity);\nimport { PostEntity } from './entities/post.entity';";
      expect(sut('src/forum/posts.repository.ts', text).map((f) => f.what)).toEqual(['table screenings in SQL']);
      expect(sut('src/moderation/moderation.repository.ts', text).map((f) => f.what)).toEqual([
        'table posts in SQL',
        'table screenings in SQL',
        'entity PostEntity as a query target',
      ]);
    });

    it('should not take words in messages, CTE names, aliases or enums beside entities for tables', () => {
      const text = [
        "throw new Error('Only peer specialists are assigned to spaces.');",
        "const description = 'Risk signals (from posts in your spaces).';",
        'const sql = `WITH post AS (SELECT 1) SELECT * FROM post JOIN target t ON true`;',
        'registerEnumType(NotificationKind, {});',
      ].join('\n');
      expect(sut('src/forum/posting.service.ts', text)).toEqual([]);
    });
  });
});
