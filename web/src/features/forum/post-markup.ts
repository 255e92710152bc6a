/**
 * The editor's light formatting, written the way people already type it: **bold**, _italics_,
 * lines starting "- " or "1. " for lists, "> " for a quote, [words](https://address) for a link.
 * Sent as the small HTML the server's sanitizer keeps (p, br, strong, em, ul, ol, li, blockquote).
 * The sanitizer keeps no links (no phishing or tracking in a vulnerable group), so a link is sent
 * as its words with the address after them in brackets: still there to copy, never hidden.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_, words: string, address: string) => (address === 'https://' ? words : `${words} (${address})`))
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<em>$2</em>');
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

type Block = { kind: 'p' | 'ul' | 'ol' | 'blockquote'; lines: string[] };

/** The editor's text as the HTML a post body is sent as. */
export function markupToHtml(markup: string): string {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of markup.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const quote = bullet || numbered ? null : QUOTE.exec(line);
    const kind: Block['kind'] = bullet ? 'ul' : numbered ? 'ol' : quote ? 'blockquote' : 'p';
    const content = (bullet ?? numbered ?? quote)?.[1] ?? line;
    if (!current || current.kind !== kind) {
      current = { kind, lines: [] };
      blocks.push(current);
    }
    current.lines.push(content.trim());
  }
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p>${block.lines.map(inline).join('<br />')}</p>`;
        case 'blockquote':
          return `<blockquote><p>${block.lines.map(inline).join('<br />')}</p></blockquote>`;
        case 'ul':
        case 'ol':
          return `<${block.kind}>${block.lines.map((l) => `<li>${inline(l)}</li>`).join('')}</${block.kind}>`;
      }
    })
    .join('');
}

function childrenMarkup(node: Node): string {
  return Array.from(node.childNodes).map(nodeMarkup).join('');
}

function nodeMarkup(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s*\n\s*/g, ' ');
  if (!(node instanceof Element)) return '';
  const inner = () => childrenMarkup(node);
  switch (node.tagName.toLowerCase()) {
    case 'br':
      return '\n';
    case 'strong':
    case 'b':
      return `**${inner()}**`;
    case 'em':
    case 'i':
      return `_${inner()}_`;
    case 'p':
      return `${inner().trim()}\n\n`;
    case 'blockquote':
      return `${inner()
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => `> ${l}`)
        .join('\n')}\n\n`;
    case 'ul':
      return `${Array.from(node.children)
        .map((li) => `- ${childrenMarkup(li).trim()}`)
        .join('\n')}\n\n`;
    case 'ol':
      return `${Array.from(node.children)
        .map((li, i) => `${i + 1}. ${childrenMarkup(li).trim()}`)
        .join('\n')}\n\n`;
    default:
      return inner();
  }
}

/** A post's sanitized HTML back as editor text, for editing it. */
export function htmlToMarkup(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return childrenMarkup(doc.body)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
