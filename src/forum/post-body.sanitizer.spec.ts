import { AppError } from '../common/errors/app-error';
import { cleanLine, MAX_BODY_TEXT_CHARS, quotedPassagesOf, sanitizePostBody, screenedText } from './post-body.sanitizer';

function badInput(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('sanitizePostBody', () => {
  it('should keep formatting tags and drop attributes, links and images but keep their words', () => {
    const sut = sanitizePostBody(
      '<p style="color:red" onclick="x()">Hi <strong>you</strong></p><a href="https://x.example">a link</a><img src="https://t.example/p.gif">',
    );
    expect(sut.html).toBe('<p>Hi <strong>you</strong></p>a link');
    expect(sut.text).toBe('Hi you\na link');
  });

  it('should drop the contents of script and style, which a reader would never see', () => {
    const sut = sanitizePostBody('<p>ok</p><script>document.cookie</script><style>p{}</style>');
    expect(sut.html).toBe('<p>ok</p>');
    expect(sut.text).toBe('ok');
  });

  it('should turn plain text into paragraphs and line breaks, escaping what looks like markup', () => {
    const sut = sanitizePostBody('first line\nsecond line\n\nI <3 you & a < b');
    expect(sut.html).toBe('<p>first line<br />second line</p><p>I &lt;3 you &amp; a &lt; b</p>');
    expect(sut.text).toBe('first line\nsecond line\nI <3 you & a < b');
  });

  it('should keep lines apart for divs, headings and list items, so screening does not read run-together words', () => {
    expect(sanitizePostBody('<div>I want</div><div>to rest</div>').text).toBe('I want\nto rest');
    expect(sanitizePostBody('<h2>Plan</h2><ul><li>walk</li><li>call</li></ul>').text).toBe('Plan\nwalk\ncall');
  });

  it('should decode entities in the text, once', () => {
    expect(sanitizePostBody('<p>&lt;b&gt; &amp;amp; &quot;q&quot;</p>').text).toBe('<b> &amp; "q"');
  });

  it('should remove control characters and direction overrides', () => {
    expect(sanitizePostBody('a\u0000b\u202Ec\u0007d').text).toBe('abcd');
  });

  it('should store half a surrogate pair as U+FFFD, as PostgreSQL would, and keep whole pairs', () => {
    expect(sanitizePostBody('a\uD800b \uDE00 \uD83D\uDE00').text).toBe('a\uFFFDb \uFFFD \uD83D\uDE00');
    expect(cleanLine('half \uD83D', 'title', { min: 1, max: 200 })).toBe('half \uFFFD');
  });

  it('should drop formatting nested deeper than any editor writes, keeping its words', () => {
    const { html, text } = sanitizePostBody(`${'<b>'.repeat(12_000)}still here${'</b>'.repeat(12_000)}`);
    expect(html.match(/<b>/g)?.length).toBeLessThanOrEqual(20);
    expect(text).toBe('still here');
  });

  it('should refuse a body that is empty once sanitized', () => {
    for (const body of ['', '   ', '<p> </p>', '<script>x</script>', '<img src=x>']) {
      expect(badInput(() => sanitizePostBody(body)).details).toEqual({ field: 'body' });
    }
  });

  it('should refuse more text than the limit, and accept exactly the limit', () => {
    expect(sanitizePostBody('x'.repeat(MAX_BODY_TEXT_CHARS)).text).toHaveLength(MAX_BODY_TEXT_CHARS);
    expect(badInput(() => sanitizePostBody('x'.repeat(MAX_BODY_TEXT_CHARS + 1))).message).toMatch(/too long/);
    expect(badInput(() => sanitizePostBody(`<b>${'<i></i>'.repeat(20_000)}x</b>`)).message).toMatch(/too long/);
  });
});

describe('cleanLine', () => {
  it('should collapse whitespace and strip unsafe characters', () => {
    expect(cleanLine('  a \n\t b\u0000 ', 'title', { min: 1, max: 10 })).toBe('a b');
  });

  it('should refuse too short and too long values naming the field', () => {
    expect(badInput(() => cleanLine('   ', 'title', { min: 1, max: 10 })).details).toEqual({ field: 'title' });
    expect(badInput(() => cleanLine('x'.repeat(11), 'reason', { min: 1, max: 10 })).details).toEqual({ field: 'reason' });
  });
});

describe('screenedText', () => {
  it("should put a first post's title before its body, and leave replies as they are", () => {
    expect(screenedText('body', 'title')).toBe('title\n\nbody');
    expect(screenedText('body', null)).toBe('body');
  });
});

describe('quotedPassagesOf', () => {
  it('should give the text of each outermost quote block', () => {
    const { html } = sanitizePostBody(
      '<blockquote><p>I want to die</p><blockquote>older</blockquote></blockquote><p>Me too.</p><blockquote>second</blockquote>',
    );
    expect(quotedPassagesOf(html)).toEqual(['I want to die\nolder', 'second']);
  });

  it('should give nothing for a post without quote blocks', () => {
    expect(quotedPassagesOf(sanitizePostBody('Just my own words.').html)).toEqual([]);
  });
});
