import { apiProcessesFrom, restartDelayMs } from './api-cluster';

describe('apiProcessesFrom', () => {
  it('should be 1 without --processes, so a plain start is the single process it always was', () => {
    expect(apiProcessesFrom(['node', 'main.js'])).toBe(1);
    expect(apiProcessesFrom(['node', 'main.js', '--with-worker'])).toBe(1);
  });

  it('should read --processes N and --processes=N', () => {
    expect(apiProcessesFrom(['node', 'main.js', '--processes', '4'])).toBe(4);
    expect(apiProcessesFrom(['node', 'main.js', '--processes=2', '--with-worker'])).toBe(2);
  });

  it('should refuse anything but a whole number from 1 to 64', () => {
    for (const bad of [['--processes'], ['--processes', '0'], ['--processes', '65'], ['--processes', '1.5'], ['--processes=many']]) {
      expect(() => apiProcessesFrom(['node', 'main.js', ...bad])).toThrow('--processes must be a whole number from 1 to 64');
    }
  });
});

describe('restartDelayMs', () => {
  it('should replace a process that ran for a minute or more at once', () => {
    expect(restartDelayMs(60_000, 5)).toBe(0);
  });

  it('should wait longer after each quick crash, up to 30 s', () => {
    expect(restartDelayMs(1_000, 0)).toBe(500);
    expect(restartDelayMs(1_000, 1)).toBe(1_000);
    expect(restartDelayMs(1_000, 3)).toBe(4_000);
    expect(restartDelayMs(1_000, 20)).toBe(30_000);
  });
});
