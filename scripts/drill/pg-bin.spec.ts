import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianPgBin } from '../../test/utils/private-services';

/** The pg-restart drill's private cluster needs initdb: found under whichever Debian PostgreSQL is installed. */
describe('debianPgBin', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'bs-pg-bin-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function install(version: string, withInitdb = true): void {
    mkdirSync(join(root, version, 'bin'), { recursive: true });
    if (withInitdb) writeFileSync(join(root, version, 'bin', 'initdb'), '');
  }

  it('should take the newest version that has initdb, by number not by text (17 after 9)', () => {
    install('9');
    install('17');
    install('18', false);
    expect(debianPgBin(root)).toBe(join(root, '17', 'bin'));
  });

  it('should fall back to 15 (Debian 12) when none is installed, so the error names a path', () => {
    expect(debianPgBin(join(root, 'missing'))).toBe(join(root, 'missing', '15', 'bin'));
  });
});
