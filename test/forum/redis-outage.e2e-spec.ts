import { PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createThread } from './forum-fixtures';
import { member, space } from '../utils/factories';

describe('forum: posting while Redis is down', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Port 1 (tcpmux) has no listener on these machines: every connection is refused at once.
    app = await startTestApp({ role: 'api', env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should still save the post with its screening request for the sweeper, the rate limit skipped rather than fatal', async () => {
    const author = await member(app, Role.CLIENT, 'offline');
    const spaceId = await space(app.dataSource);
    const thread = await createThread(app, author, spaceId, 'Still here', 'Redis is down, my post is not lost.');
    expect(thread.firstPost.status).toBe(PostStatus.PENDING);
    const [request] = await app.dataSource.query(`SELECT state FROM screening_requests WHERE post_id = $1`, [thread.firstPost.id]);
    expect(request.state).toBe('PENDING');
  });
});
