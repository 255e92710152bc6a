/** A phone number as people write it: 988, 911, 555-0100, 1-800-273-8255, +44 20 7946 0000. Not inside a word (988lifeline.org). */
const PHONE = /(?<![\w./-])\+?\d[\d ()-]{0,16}\d(?![\w/-]|\.\w)/g;

export type TextPart = { kind: 'text'; text: string } | { kind: 'phone'; text: string; tel: string };

/** At least three digits: "24/7" or "4-4-4-4" are not numbers to call. */
function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  return digits.length >= 3 && digits.length <= 15 && !/^(?:\d-){2,}\d$/.test(candidate);
}

/** Splits resource text into plain text and phone numbers, so each number can be a link to tap. */
export function splitPhoneNumbers(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    const number = match[0].trim();
    if (!isPhoneNumber(number)) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'phone', text: number, tel: `tel:${number.replace(/[^\d+]/g, '')}` });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Each number once, in the order the text gives them: the big buttons to call. */
export function phoneNumbersIn(text: string): Array<{ text: string; tel: string }> {
  const seen = new Set<string>();
  const numbers: Array<{ text: string; tel: string }> = [];
  for (const part of splitPhoneNumbers(text)) {
    if (part.kind === 'phone' && !seen.has(part.tel)) {
      seen.add(part.tel);
      numbers.push({ text: part.text, tel: part.tel });
    }
  }
  return numbers;
}
