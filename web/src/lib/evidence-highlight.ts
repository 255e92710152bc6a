/**
 * Marks the screening's matched phrases inside the post's (server-sanitized) HTML, so the peer
 * sees where the evidence is without reading the evidence list first. Parsed in an inert document
 * (no script runs, nothing loads); only <mark> elements are added. Phrases that screening
 * normalised beyond recognition are simply not marked: the evidence list still names them.
 */
export function highlightEvidence(html: string, phrases: readonly string[]): { html: string; marked: number } {
  const wanted = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return { html, marked: 0 };
  const pattern = new RegExp(wanted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|'), 'gi');
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  let marked = 0;
  for (const text of texts) {
    const value = text.data;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) continue;
    pattern.lastIndex = 0;
    const fragment = doc.createDocumentFragment();
    let last = 0;
    for (const match of value.matchAll(pattern)) {
      const at = match.index ?? 0;
      if (at > last) fragment.append(value.slice(last, at));
      const mark = doc.createElement('mark');
      mark.className = 'evidence-mark';
      mark.textContent = match[0];
      fragment.append(mark);
      marked += 1;
      last = at + match[0].length;
    }
    if (last < value.length) fragment.append(value.slice(last));
    text.replaceWith(fragment);
  }
  return { html: doc.body.innerHTML, marked };
}
