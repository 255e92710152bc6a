import type { CaseDecision } from '../../lib/gql/graphql';

export interface AuthorNoteTemplate {
  id: string;
  name: string;
  /** Null: the server's standard note for the decision and reasons (it says why, kindly). */
  body: string | null;
}

/**
 * Kind notes to start from; the peer edits the words before sending. Safe-messaging: no labels
 * ("flagged"), no blame, a person who will follow up. Crisis resources are added by the server
 * to every note about a crisis case, so templates never need to repeat them.
 */
export const AUTHOR_NOTE_TEMPLATES: Record<CaseDecision, AuthorNoteTemplate[]> = {
  APPROVE: [
    { id: 'approve-standard', name: 'Standard: your post is shared', body: null },
    {
      id: 'approve-thanks',
      name: 'Thank them for sharing something hard',
      body: 'A peer specialist read your post and it is now shared with the group. Thank you for being open about something hard; it helps others too.',
    },
  ],
  KEEP_HELD: [
    { id: 'hold-standard', name: 'Standard: a peer specialist will be in touch', body: null },
    {
      id: 'hold-reach-out-today',
      name: 'We will reach out today',
      body: 'Thank you for sharing this. A peer specialist is keeping your post private for now and will reach out to you today. You have not done anything wrong, and you do not have to go through this alone.',
    },
  ],
  REMOVE: [
    { id: 'remove-standard', name: 'Standard: says why, kindly', body: null },
    {
      id: 'remove-wording',
      name: 'Wording that could hurt others',
      body: 'A peer specialist took your post out of the group because some of its wording could hurt others. Only you can still see it. You are welcome to share again in your own words; we want to hear from you.',
    },
    {
      id: 'remove-talk-directly',
      name: 'Better talked through directly',
      body: 'A peer specialist took your post out of the group because it is better talked through with someone directly. Only you can still see it. A peer specialist will reach out to you soon.',
    },
  ],
};
