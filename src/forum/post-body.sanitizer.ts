import sanitizeHtml from 'sanitize-html';
import { AppError } from '../common/errors/app-error';
import { stripUnsafeChars } from '../common/text/unsafe-characters';

/** Longest post, in characters of extracted text (what a reader sees). */
export const MAX_BODY_TEXT_CHARS = 20_000;
/** Longest body accepted before sanitizing: HTML markup may add a lot to the text, but not without bound. */
export const MAX_BODY_INPUT_CHARS = 100_000;
export const MAX_TITLE_CHARS = 200;
export const MAX_REPORT_REASON_CHARS = 500;

export interface SanitizedBody {
  /** Sanitized HTML, safe to render: formatting tags only, no attributes. */
  html: string;
  /** Plain text of exactly what the HTML shows: what screening reads. */
  text: string;
}

/**
 * Formatting only: no links (spam, phishing, tracking), no images (tracking pixels), no attributes
 * (styles and handlers). What is not allowed is dropped but its text kept, so a reader sees nothing
 * that screening did not read; script and style contents are dropped altogether.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre'],
  allowedAttributes: {},
  allowedSchemes: [],
  disallowedTagsMode: 'discard',
  // Editors write blocks as divs and headings; keep them as paragraphs so lines do not run together.
  transformTags: { div: 'p', h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p' },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object'],
  // No editor nests formatting this deep; without a limit, 30,000 nested <b> cost seconds of CPU per post.
  nestingLimit: 20,
};

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

/** A tag-like `<` followed by a letter, `/` or `!`: otherwise `I <3 you` or `a < b` is plain text. */
const LOOKS_LIKE_HTML = /<[a-z/!][^>]*>/i;

/** Any tag that starts a line; without one, the sender's own newlines are the only line breaks. */
const HAS_LINE_TAGS = /<(?:p|br|div|li|blockquote|pre|h[1-6])\b/i;

/** Closing block tags and line breaks, as sanitize-html writes them: each ends a line of text. */
const LINE_ENDS = /<br \/>|<\/(?:p|li|blockquote|pre|ul|ol)>/g;

const TEXT_ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML: blank lines make paragraphs, single newlines line breaks. */
function plainTextToHtml(text: string): string {
  return text
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${escapeText(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** The text a reader sees in sanitized HTML, one line per block, entities decoded. */
/** HTML from a client: newlines only mean something when the markup has no line structure of its own. */
function htmlWithLines(html: string): string {
  return HAS_LINE_TAGS.test(html) ? html : html.replace(/\n/g, '<br />');
}

function textOf(html: string): string {
  const escaped = sanitizeHtml(html.replace(LINE_ENDS, '$&\n'), TEXT_ONLY);
  return escaped
    .replace(/&(?:amp|lt|gt|quot);/g, (entity) => TEXT_ESCAPES[entity])
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Turns a body as clients send it (limited HTML from a rich-text editor, or plain text) into
 * sanitized HTML plus its plain text. Refuses empty and oversized bodies with BAD_USER_INPUT.
 */
export function sanitizePostBody(raw: string, field = 'body'): SanitizedBody {
  if (typeof raw !== 'string') throw AppError.badInput(field, 'Write something before posting.');
  if (raw.length > MAX_BODY_INPUT_CHARS) throw AppError.badInput(field, `The post is too long (at most ${MAX_BODY_TEXT_CHARS} characters).`);
  const cleaned = stripUnsafeChars(raw).replace(/\r\n?/g, '\n');
  const html = sanitizeHtml(LOOKS_LIKE_HTML.test(cleaned) ? htmlWithLines(cleaned) : plainTextToHtml(cleaned), BODY_POLICY).trim();
  const text = textOf(html);
  if (text.length === 0) throw AppError.badInput(field, 'Write something before posting.');
  if (text.length > MAX_BODY_TEXT_CHARS) throw AppError.badInput(field, `The post is too long (at most ${MAX_BODY_TEXT_CHARS} characters).`);
  return { html, text };
}

/**
 * One line of plain text (a title, a report reason): unsafe characters removed, whitespace
 * collapsed, length checked. Stored as text and never rendered as HTML.
 */
export function cleanLine(raw: string, field: string, limits: { min: number; max: number }): string {
  const value = typeof raw === 'string' ? stripUnsafeChars(raw).replace(/\s+/g, ' ').trim() : '';
  if (value.length < limits.min) {
    throw AppError.badInput(field, limits.min <= 1 ? `${field} cannot be empty.` : `${field} needs at least ${limits.min} characters.`);
  }
  if (value.length > limits.max) throw AppError.badInput(field, `${field} is too long (at most ${limits.max} characters).`);
  return value;
}

/**
 * The plain text of each outermost quote block of sanitized HTML, so screening can tell the
 * author's own words from the words they quote. Sanitized HTML has bare `<blockquote>` tags only.
 */
export function quotedPassagesOf(html: string): string[] {
  const passages: string[] = [];
  let depth = 0;
  let start = 0;
  for (const tag of html.matchAll(/<\/?blockquote>/g)) {
    const at = tag.index ?? 0;
    if (tag[0] === '<blockquote>') {
      if (depth === 0) start = at + tag[0].length;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) passages.push(textOf(html.slice(start, at)));
    }
  }
  return passages.filter((passage) => passage.length > 0);
}

/**
 * What screening reads for a post. A thread's first post carries the title too: a crisis stated
 * only in a title must not go unscreened.
 */
export function screenedText(bodyText: string, threadTitle: string | null): string {
  return threadTitle === null ? bodyText : `${threadTitle}\n\n${bodyText}`;
}
