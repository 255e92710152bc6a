import { splitPhoneNumbers } from '../phone-numbers';

/** Resource text with every phone number a link to tap (tel:), read out as "Call 988". */
export function ResourceText({ text }: { text: string }) {
  return (
    <>
      {splitPhoneNumbers(text).map((part, index) =>
        part.kind === 'phone' ? (
          <a key={index} href={part.tel} className="phone-link">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
