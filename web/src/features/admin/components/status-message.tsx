/** A polite live region for what just happened ("Assigned", "Removed"): read out without moving focus. */
export function StatusMessage({ text }: { text: string }) {
  return (
    <p className="admin-status" role="status">
      {text}
    </p>
  );
}
