import { PostStatus } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { PublishedReply, reactionsNotification, replyNotifications } from './forum-notification-texts';

const reply: PublishedReply = {
  replyId: 'reply-1',
  threadId: 'thread-1',
  replyAuthorId: 'river',
  replyAuthorName: 'River',
  threadAuthorId: 'sky',
  threadTitle: 'Sleep has been hard',
  openingStatus: PostStatus.PUBLISHED,
  quotedAuthorId: null,
  quotedStatus: null,
};

describe('replyNotifications', () => {
  it('should tell the thread author, by the replier’s pseudonym and their own title', () => {
    expect(replyNotifications(reply)).toEqual([
      {
        memberId: 'sky',
        kind: NotificationKind.REPLY_IN_YOUR_THREAD,
        title: 'New reply in your thread',
        body: 'River replied to “Sleep has been hard”.',
        data: { postId: 'reply-1', threadId: 'thread-1' },
        dedupeKey: 'reply:reply-1:sky',
      },
    ]);
  });

  it('should tell nobody about a reply in your own thread', () => {
    expect(replyNotifications({ ...reply, replyAuthorId: 'sky' })).toEqual([]);
  });

  it('should tell the quoted author and the thread author once each', () => {
    const notices = replyNotifications({ ...reply, quotedAuthorId: 'ash', quotedStatus: PostStatus.PUBLISHED });
    expect(notices.map((n) => [n.memberId, n.kind])).toEqual([
      ['ash', NotificationKind.REPLY_TO_YOUR_POST],
      ['sky', NotificationKind.REPLY_IN_YOUR_THREAD],
    ]);
    expect(notices[0].body).toBe('River quoted your post in a reply.');
  });

  it('should tell a thread author who is quoted only that they were quoted', () => {
    const notices = replyNotifications({ ...reply, quotedAuthorId: 'sky', quotedStatus: PostStatus.PUBLISHED });
    expect(notices.map((n) => [n.memberId, n.kind])).toEqual([['sky', NotificationKind.REPLY_TO_YOUR_POST]]);
  });

  it('should not tell an author who quotes themselves, nor one whose quoted post is no longer public', () => {
    expect(replyNotifications({ ...reply, quotedAuthorId: 'river', quotedStatus: PostStatus.PUBLISHED }).map((n) => n.memberId)).toEqual(['sky']);
    expect(replyNotifications({ ...reply, quotedAuthorId: 'ash', quotedStatus: PostStatus.DELETED }).map((n) => n.memberId)).toEqual(['sky']);
  });

  it('should not tell a thread author who deleted their thread', () => {
    expect(replyNotifications({ ...reply, openingStatus: PostStatus.DELETED })).toEqual([]);
  });
});

describe('reactionsNotification', () => {
  const post = { postId: 'post-1', threadId: 'thread-1', authorId: 'sky', status: PostStatus.PUBLISHED, opening: false, totals: {} };

  it('should list the totals in the order of the buttons, by the buttons’ names', () => {
    const notice = reactionsNotification({ ...post, totals: { [ReactionKind.THANKS]: 1, [ReactionKind.HUG]: 3, [ReactionKind.RELATE]: 2 } });
    expect(notice).toEqual({
      memberId: 'sky',
      title: 'Members reacted to your reply',
      body: 'Reactions so far: Hug 3, I relate 2, Thank you 1.',
      data: { postId: 'post-1', threadId: 'thread-1' },
    });
  });

  it('should say "someone" for a single reaction, and name a thread’s first post as the thread', () => {
    expect(reactionsNotification({ ...post, opening: true, totals: { [ReactionKind.HEART]: 1 } })?.title).toBe('Someone reacted to your thread');
  });

  it('should say nothing when no other member reacted, or the post is no longer public', () => {
    expect(reactionsNotification(post)).toBeNull();
    expect(reactionsNotification({ ...post, status: PostStatus.HELD, totals: { [ReactionKind.HEART]: 2 } })).toBeNull();
  });
});
