/** A page that could not load: what happened in plain words, and what to do. */
export function LoadProblem({ retry }: { retry?: () => void }) {
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  return (
    <div className="problem" role="alert">
      <h2>Sorry, this did not load</h2>
      <p>{offline ? 'You seem to be offline. Check your connection and try again.' : 'The service did not answer just now. Try again in a moment.'}</p>
      {retry ? (
        <button type="button" className="button button--secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
