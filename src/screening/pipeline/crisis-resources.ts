import { NotificationKind } from '../../notifications/entities/notification.entity';
import type { AuthorNotice } from './screening-policy';

/**
 * What the author sees next to their post. Written to safe-messaging guidance: warm and direct,
 * no labels ("flagged as suicidal"), nothing graphic, hope, and one concrete next step.
 */
export const DEFAULT_CRISIS_RESOURCES =
  'You can call or text 988 any time, day or night, or chat at 988lifeline.org. ' + 'If you are in immediate danger, call 911.';

export interface AuthorNoticeText {
  readonly title: string;
  readonly body: string;
}

/**
 * @param programResources the program's own line (env CRISIS_RESOURCES); replaces the default
 *   988 text when set, since a program may have its own on-call number.
 */
export function authorNoticeText(notice: AuthorNotice, programResources?: string): AuthorNoticeText {
  const resources = programResources?.trim() ? programResources.trim() : DEFAULT_CRISIS_RESOURCES;
  switch (notice) {
    case NotificationKind.CRISIS_RESOURCES:
      return {
        title: 'We are here with you',
        body:
          'Thank you for trusting us with how you are feeling. A member of your care team will reach out to you soon. ' +
          `You do not have to wait for us: ${resources} ` +
          'Talking to someone right now can help, and you deserve that support.',
      };
    case NotificationKind.SUPPORTIVE_RESOURCES:
      return {
        title: 'Thank you for sharing this',
        body:
          'It takes courage to put this into words. A peer specialist will check in with you. ' +
          `If things get heavier, support is always there: ${resources} ` +
          'Things can get better, and you do not have to carry this alone.',
      };
    case NotificationKind.POST_HELD:
      return {
        title: 'Your post is waiting for a quick look',
        body:
          'A peer specialist will read your post soon before it is shared with the group; you have not done anything wrong. ' +
          `If you need to talk to someone now, ${resources.charAt(0).toLowerCase()}${resources.slice(1)}`,
      };
  }
}
