import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** What a migration may import: the migration API and Node's own modules, which do not change under it. */
const ALLOWED = [/^typeorm$/, /^node:/];

/**
 * A migration must keep doing what it did when it was written: application code it imported
 * (naming, redaction, enums) changes later, and an old migration run on a new database would then
 * write something else. So every migration carries its own SQL and logic; this spec reads each
 * file's imports and fails on any other.
 */
describe('migrations', () => {
  const folder = join(__dirname, '..', '..', 'migrations');
  const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));

  it('should find the migrations', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('should import nothing but typeorm and node modules', () => {
    const offending = files.flatMap((name) => {
      const source = ts.createSourceFile(name, readFileSync(join(folder, name), 'utf8'), ts.ScriptTarget.Latest);
      return source.statements
        .filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s))
        .map((s) => (s.moduleSpecifier as ts.StringLiteral).text)
        .filter((from) => !ALLOWED.some((allowed) => allowed.test(from)))
        .map((from) => `${name}: ${from}`);
    });
    expect(offending).toEqual([]);
  });
});
