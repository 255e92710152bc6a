import { fullTime, timeAgo } from '../lib/format-time';

export interface StaffNote {
  id: string;
  body: string;
  createdAt: string;
  author?: { id: string; displayName: string } | null;
}

/** Notes staff left on a case, oldest first, with who ("You" for the viewer) and when. */
export function StaffNotes({ notes, viewerId }: { notes: readonly StaffNote[]; viewerId: string }) {
  if (notes.length === 0) return <p>No notes yet.</p>;
  return (
    <ol className="notes-list">
      {notes.map((n) => (
        <li key={n.id}>
          <p className="post__meta">
            <strong>{n.author ? (n.author.id === viewerId ? 'You' : n.author.displayName) : 'System'}</strong> ·{' '}
            <time dateTime={n.createdAt} title={fullTime(n.createdAt)}>
              {timeAgo(n.createdAt)}
            </time>
          </p>
          <p className="notes-list__body">{n.body}</p>
        </li>
      ))}
    </ol>
  );
}
