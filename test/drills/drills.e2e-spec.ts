import { DRILLS, DrillResult } from '../../scripts/drill/drills';

/**
 * The fault drills of `npm run drill`, shortened (fewer posts, a short outage), so a regression
 * in recovery fails CI. Each runs real API and worker processes from dist/ against its own
 * database; the Redis outage uses a private redis-server, never the shared one.
 */
describe('fault drills (shortened)', () => {
  const expectNothingLost = (result: DrillResult) => {
    expect({ lost: result.lost, duplicated: result.duplicated, publishedUnscreened: result.publishedUnscreened }).toEqual({
      lost: 0,
      duplicated: 0,
      publishedUnscreened: 0,
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  };

  it('should lose no post when the worker is killed with SIGKILL twice mid-screening', async () => {
    const result = await DRILLS['worker-kill']({ posts: 120, kills: 2 });
    expectNothingLost(result);
    expect(result.accepted).toBe(120);
    expect(result.screened).toBe(120);
    expect(result.kills).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('should accept every post while Redis is down, without a 5xx, and screen them all once it is back', async () => {
    const result = await DRILLS['redis-outage']({ posts: 40, outageSeconds: 4 });
    expectNothingLost(result);
    expect(result.accepted).toBe(40);
    expect(result.acceptedDuringOutage).toBeGreaterThan(0);
    expect(result.screened).toBe(40);
  }, 180_000);

  it('should hold every crisis post with an URGENT case and give its author crisis resources when the toxicity phase throws', async () => {
    const result = await DRILLS['classifier-fail']({ posts: 20, mode: 'throw' });
    expectNothingLost(result);
    expect(result.heldWithUrgentCase).toBe(20);
    expect(result.authorsGivenCrisisResources).toBe(20);
    expect(result.published).toBe(0);
  }, 180_000);
});
