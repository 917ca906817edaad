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

  // A Han run as the index holds it: every overlapping pair, or the one character.
  function pairs(run) {
    const chars = [...run];
    if (chars.length < 2) return chars;
    return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
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

  // The phrases to ask Pagefind for, each a run of words that must stand side by side in a
  // document (a Han run's pairs, or one Latin word), and the exact token: see query_terms in search.py.
  function query(text) {
    const phrases = [];
    for (const t of tokens(text)) {
      if (hanStart.test(t)) phrases.push(pairs(t));
      else if (latinStart.test(t)) phrases.push([t.toLowerCase()]);
    }
    return { phrases, exact: exact(text) };
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
