// The query side of the tokenising contract that scripts/xxgk/search.py owns. The build
// writes its patterns beside the index (pagefind/xxgk-tokeniser.json); this module cuts
// queries and glues excerpts with them and keeps no pattern of its own, so the page
// cannot drift from the index. The tests run a table of queries through both sides.

export const hex = (text) => [...text].map((c) => c.codePointAt(0).toString(16)).join("");

// Cut and glue by the rules of search.py's TOKENISER_RULES.
export function tokeniser(rules) {
  const whole = (pattern, flags = "u") => new RegExp(`^(?:${pattern})$`, flags);
  const token = new RegExp(rules.token, "gu");
  const hanStart = new RegExp(`^${rules.han}`, "u");
  const latinStart = new RegExp(`^${rules.latin}`, "u");
  const latinEnd = new RegExp(`${rules.latin}$`, "u");
  const docNumber = whole(rules.docNumber);
  const orderNumber = whole(rules.orderNumber);
  const indexNumber = whole(rules.indexNumber);
  const marker = whole(rules.marker, "iu");
  const number = (digits) => digits.replace(/^0+(?=[0-9])/, ""); // as Python's str(int()), at any length

  const tokens = (text) => text.match(token) || [];
  const isWord = (t) => hanStart.test(t) || latinStart.test(t);

  // The pairs a Han run asks for, with their offsets: see query_terms in search.py.
  function pairs(run) {
    const chars = [...run];
    const last = chars.length - 2;
    const offsets = [];
    for (let i = 0; i <= last; i += chars.length > rules.longRun ? 2 : 1) offsets.push(i);
    if (offsets[offsets.length - 1] !== last) offsets.push(last);
    return offsets.map((i) => [chars[i] + chars[i + 1], i]);
  }

  // The exact token of a 发文字号 or 索引号 query, as search.py indexes it.
  function exact(text) {
    let m = text.match(indexNumber);
    if (m) return `${rules.indexNumberToken}${(m[1] + m[2] + m[3]).toLowerCase()}${rules.tokenEnd}`;
    m = text.match(docNumber);
    if (m) return `${rules.docNumberToken}${hex(m[1])}${m[2]}${number(m[3])}${rules.tokenEnd}`;
    m = text.match(orderNumber);
    if (m) return `${rules.docNumberToken}${hex(m[1])}${rules.orderYear}${number(m[2])}${rules.tokenEnd}`;
    return null;
  }

  // The words to ask Pagefind for, the offsets each Han run needs, and the exact token.
  function query(text) {
    const words = [];
    const runs = [];
    for (const t of tokens(text)) {
      if (hanStart.test(t)) {
        if ([...t].length < 2) {
          words.push(t);
          continue;
        }
        const found = pairs(t);
        words.push(...found.map(([pair]) => pair));
        if (found.length > 1) runs.push(found.map(([, offset]) => offset));
      } else if (latinStart.test(t)) {
        words.push(t.toLowerCase());
      }
    }
    return { words, runs, exact: exact(text) };
  }

  // An excerpt of the index's text glued back: overlapping pairs into runs, marks left out.
  function decode(excerpt) {
    const parts = excerpt.replace(/<\/?mark>/g, "").split(/\s+/).filter((t) => t && !marker.test(t));
    let text = "";
    let previous = "";
    for (const t of parts) {
      const chars = [...t];
      const prevChars = [...previous];
      if (hanStart.test(t) && prevChars.length === 2 && hanStart.test(previous) && chars.length === 2
          && prevChars[1] === chars[0]) {
        text += chars[1];
      } else if (latinStart.test(t) && latinEnd.test(previous)) {
        text += " " + t;
      } else {
        text += t;
      }
      previous = t;
    }
    return text;
  }

  return { query, tokens, isWord, decode, bodyMark: rules.bodyMark };
}
