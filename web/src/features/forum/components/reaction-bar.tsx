import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import type { ReactionKind } from '../../../lib/gql/graphql';
import { sendFailureOf } from '../../../lib/send-failure';
import { ReactMutation, UnreactMutation } from '../api/support';
import { REACTIONS } from '../reactions';

interface Reactions {
  reactions: ReadonlyArray<{ kind: ReactionKind; count: number }>;
  viewerReactions: readonly ReactionKind[];
}

/**
 * The five supportive reactions on someone else's post, as toggle buttons (aria-pressed) named in
 * words with their counts: "Hug 2, toggle button, pressed". Counts change only when the server
 * answers, so what is shown is always what others see.
 */
export function ReactionBar({ postId, authorName, reactions, viewerReactions }: Reactions & { postId: string; authorName: string }) {
  const [, react] = useMutation(ReactMutation);
  const [, unreact] = useMutation(UnreactMutation);
  // The mutation's answer, shown until the thread's own query has read it too.
  const [answered, setAnswered] = useState<Reactions | null>(null);
  const [problem, setProblem] = useState('');
  const sending = useRef(new Set<ReactionKind>());
  const fromQuery = JSON.stringify([reactions, viewerReactions]);
  useEffect(() => setAnswered(null), [fromQuery]);

  const shown = answered ?? { reactions, viewerReactions };
  const toggle = async (kind: ReactionKind) => {
    if (sending.current.has(kind)) return;
    sending.current.add(kind);
    setProblem('');
    const given = shown.viewerReactions.includes(kind);
    const result = given ? await unreact({ input: { postId, kind } }) : await react({ input: { postId, kind } });
    sending.current.delete(kind);
    const post = result.data ? ('react' in result.data ? result.data.react : result.data.unreact) : null;
    if (post) setAnswered({ reactions: post.reactions, viewerReactions: post.viewerReactions });
    else if (result.error) {
      const failure = sendFailureOf(result.error);
      setProblem(
        failure.kind === 'rate-limited'
          ? 'You have reacted a lot in a short time. Try again in a few minutes.'
          : failure.kind === 'offline'
            ? 'Your reaction was not sent because you seem to be offline.'
            : 'Your reaction did not go through. Try again in a moment.',
      );
    }
  };

  return (
    <div className="reactions">
      <div className="reactions__buttons" role="group" aria-label={`Reactions to ${authorName}’s post`}>
        {REACTIONS.map(({ kind, name }) => {
          const count = shown.reactions.find((r) => r.kind === kind)?.count ?? 0;
          const pressed = shown.viewerReactions.includes(kind);
          return (
            <button key={kind} type="button" className="reaction" aria-pressed={pressed} onClick={() => void toggle(kind)}>
              <span className="reaction__check" aria-hidden="true">
                {pressed ? '✓' : ''}
              </span>
              {name}
              {count > 0 ? <span className="reaction__count">{count}</span> : null}
            </button>
          );
        })}
      </div>
      <p className="reactions__problem" role="status">
        {problem}
      </p>
    </div>
  );
}

/** The counts on one's own post, in words (reacting to one's own post is not offered). */
export function ReactionSummary({ reactions }: Pick<Reactions, 'reactions'>) {
  const given = REACTIONS.map(({ kind, name }) => ({ name, count: reactions.find((r) => r.kind === kind)?.count ?? 0 })).filter((r) => r.count > 0);
  if (given.length === 0) return null;
  return <p className="reactions-summary">Reactions: {given.map((r) => `${r.name} ${r.count}`).join(', ')}</p>;
}
