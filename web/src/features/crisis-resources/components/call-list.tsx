import { phoneNumbersIn } from '../phone-numbers';

/** A large call button for every phone number in the resource text, the first thing to tap; nothing when it has none. */
export function CallList({ text }: { text: string }) {
  const numbers = phoneNumbersIn(text);
  if (numbers.length === 0) return null;
  return (
    <ul className="call-list" aria-label="Numbers you can call">
      {numbers.map((number) => (
        <li key={number.tel}>
          <a className="button button--call" href={number.tel}>
            Call {number.text}
          </a>
        </li>
      ))}
    </ul>
  );
}
