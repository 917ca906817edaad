// The 检索 page: Pagefind search with facets, kept in the address so a filtered
// search can be bookmarked. The query is cut like scripts/xxgk/search.py cut the
// indexed text, by the rules the build writes beside the index (xxgk-search-tokens.js).

import { hex, tokeniser } from "./xxgk-search-tokens.js";

const page = document.querySelector(".xxgk-searchpage");
const form = page.querySelector("form");
const input = form.elements.q;
const sortSelect = form.elements.sort;
const currentBox = page.querySelector("#xxgk-search-current");
const facetsBox = page.querySelector(".xxgk-facets");
const resultsBox = page.querySelector(".xxgk-results");
const pagefindUrl = new URL(page.dataset.pagefind, location.href).href;
const siteRoot = new URL(page.dataset.root, location.href);

const FACETS = [
  ["unit", "发布机构"], ["category", "信息类别"], ["topic", "主题分类"],
  ["genre", "文种"], ["year", "年份"], ["validity", "有效性"], ["special", "专题"],
];
// The statuses of a document no longer in force (lifecycle.py), and their badges (render.py status_badge).
const ENDED = { 失效: "expired", 废止: "repealed" };
const PER_PAGE = 10;
const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 66;

// -- a phrase, from its pairs' positions ---------------------------------------------

// Pagefind reports the positions of the words asked for without downloading the
// document: a run is there if some position has the others at its offsets.
function hasRun(positions, offsets) {
  const at = new Set(positions);
  return positions.some((p) => offsets.every((o) => at.has(p + o)));
}

// -- the excerpt, glued back from character pairs -----------------------------------

// The passage around the first match, preferring the body to the title and metadata.
function snippet(data, query, cut) {
  const content = data.content || "";
  const mark = content.indexOf(cut.bodyMark);
  const parts = mark >= 0 ? [content.slice(mark), content.slice(0, mark)] : [content];
  const phrases = cut.tokens(query).filter(cut.isWord).sort((a, b) => b.length - a.length);
  for (const part of parts) {
    const text = cut.decode(part);
    const lower = text.toLowerCase();
    for (const phrase of phrases) {
      const at = lower.indexOf(phrase.toLowerCase());
      if (at >= 0) {
        const start = Math.max(0, at - SNIPPET_BEFORE);
        return (start > 0 ? "…" : "") + text.slice(start, at + phrase.length + SNIPPET_AFTER) + "…";
      }
    }
  }
  return cut.decode(parts[0]).slice(0, SNIPPET_BEFORE + SNIPPET_AFTER) + "…";
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function highlight(text, query, cut) {
  const phrases = cut.tokens(query).filter(cut.isWord)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const html = escapeHtml(text);
  if (!phrases.length) return html;
  return html.replace(new RegExp(phrases.join("|"), "giu"), (found) => `<mark>${found}</mark>`);
}

// -- state in the address -------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return {
    q: params.get("q") || "", sort: params.get("sort") === "date" ? "date" : "",
    current: params.get("current") === "1",
    page: Math.max(1, parseInt(params.get("p") || "1", 10) || 1), filters,
  };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  if (state.current) params.set("current", "1");
  for (const [key, values] of Object.entries(state.filters)) for (const v of values) params.append(key, v);
  if (state.page > 1) params.set("p", state.page);
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

// -- searching ----------------------------------------------------------------------------

// Both load once; every caller waits for the same promise.
let pagefind = null;
function loadPagefind() {
  pagefind ||= (async () => {
    // Pagefind picks its index and its query segmentation from <html lang>: with
    // zh it would cut the query with Intl.Segmenter. Our records are already cut
    // (search.py) and indexed as "en", so it must start while the page says en.
    const html = document.documentElement;
    const pageLanguage = html.lang;
    html.lang = "en";
    try {
      const module = await import(pagefindUrl);
      await module.options({ excerptLength: 36 });
      await module.init(); // Pagefind reads the language when it starts, not at import
      return module;
    } finally {
      html.lang = pageLanguage;
    }
  })();
  pagefind.catch(() => { pagefind = null; });
  return pagefind;
}

// The query is cut by the rules the build wrote beside the index (search.py's TOKENISER_RULES).
let queryTokeniser = null;
function loadTokeniser() {
  queryTokeniser ||= (async () => {
    const response = await fetch(new URL("xxgk-tokeniser.json", pagefindUrl));
    if (!response.ok) throw new Error(`tokeniser: ${response.status}`);
    return tokeniser(await response.json());
  })();
  queryTokeniser.catch(() => { queryTokeniser = null; });
  return queryTokeniser;
}

// The facets file beside the index (pagefind_index.py) lists each facet value's
// pages; a result's page number is the end of its fragment name, in hex.
let facetIndex = null;
function loadFacets() {
  facetIndex ||= (async () => {
    const response = await fetch(new URL("xxgk-facets.json", pagefindUrl));
    if (!response.ok) throw new Error(`facets: ${response.status}`);
    const data = await response.json();
    const values = {};
    for (const [key, byValue] of Object.entries(data.facets)) {
      const ofPage = [];
      for (const [value, gaps] of Object.entries(byValue)) {
        let number = 0;
        for (const gap of gaps) {
          number += gap;
          (ofPage[number] ||= []).push(value);
        }
      }
      values[key] = ofPage;
    }
    return { pages: data.pages, prefix: data.fragment, values };
  })();
  facetIndex.catch(() => { facetIndex = null; });
  return facetIndex;
}

// Every result for a state: exact 发文字号/索引号 matches first, then the phrase
// matches whose character pairs are adjacent, then the facets chosen; of equal
// relevance, a document in force before an ended one. Counts per
// facet value are of the results that the other facets let through, so a reader
// sees what each value would add. Returns null when there is nothing to search.
async function find(state) {
  const keys = FACETS.map(([key]) => key);
  const filtered = state.current || keys.some((key) => state.filters[key]);
  if (!state.q.trim() && !filtered) return null;
  const pagefindLoading = loadPagefind();
  const facetsLoading = loadFacets();
  const cut = await loadTokeniser();
  const { words, runs, exact } = cut.query(state.q);
  if (!words.length && !filtered) return null; // punctuation only
  const facets = await facetsLoading;
  if (!facets.pages) { // a new site with nothing published: no Pagefind index at all
    pagefindLoading.catch(() => {});
    return { results: [], counts: {}, cut };
  }
  const pf = await pagefindLoading;
  const [exactSearch, mainSearch] = await Promise.all([
    exact ? pf.search(exact) : null,
    pf.search(words.length ? words.join(" ") : null), // null: every page, newest first
  ]);
  const exactIds = new Set(exactSearch ? exactSearch.results.map((r) => r.id) : []);
  const seen = new Set();
  let matches = [...(exactSearch ? exactSearch.results : []),
    ...mainSearch.results.filter((r) => runs.every((offsets) => hasRun(r.words, offsets)))]
    .filter((r) => !seen.has(r.id) && seen.add(r.id));
  const number = (r) => parseInt(r.id.slice(facets.prefix.length), 16); // pages are numbered newest first
  const valuesOf = (r, key) => (facets.values[key] || [])[number(r)] || [];
  const passes = (r, key) => !state.filters[key] || valuesOf(r, key).some((v) => state.filters[key].includes(v));
  // Scores within a tenth of each other count as equally relevant: Pagefind's scores differ
  // by a hair between two versions of one text (a repealed 办法 and the one replacing it).
  const band = (r) => (r.score > 0 ? Math.floor(Math.log(r.score) / Math.log(1.1)) : 0);
  const ended = (r) => valuesOf(r, "validity").find((v) => ENDED[v]) || "";
  if (state.current) matches = matches.filter((r) => !ended(r));
  const counts = {};
  for (const key of keys) {
    const tally = Object.fromEntries((state.filters[key] || []).map((v) => [v, 0]));
    for (const r of matches) {
      if (keys.every((other) => other === key || passes(r, other))) {
        for (const v of valuesOf(r, key)) tally[v] = (tally[v] || 0) + 1;
      }
    }
    counts[key] = tally;
  }
  const results = matches.filter((r) => keys.every((key) => passes(r, key)));
  if (state.sort === "date") {
    results.sort((a, b) => exactIds.has(b.id) - exactIds.has(a.id) || number(a) - number(b));
  } else {
    results.sort((a, b) => exactIds.has(b.id) - exactIds.has(a.id) || band(b) - band(a)
      || !!ended(a) - !!ended(b) || b.score - a.score);
  }
  const statuses = new Map(results.map((r) => [r.id, ended(r)]));
  return { results, counts, cut, statuses };
}

let generation = 0;
async function run(state) {
  const mine = ++generation;
  resultsBox.setAttribute("aria-busy", "true");
  let found;
  try {
    found = await find(state);
  } catch (error) {
    resultsBox.innerHTML = "<p class=\"xxgk-hint\">检索索引未能加载。预览模式（make serve）下不生成索引，请用 make site 生成网站后检索。</p>";
    resultsBox.setAttribute("aria-busy", "false");
    return;
  }
  if (mine !== generation) return; // a newer search has started
  if (!found) {
    resultsBox.innerHTML = "<p class=\"xxgk-hint\">输入标题、正文中的词语，或发文字号（如 松政发〔2026〕10号）、索引号、单位名称。</p>";
    facetsBox.innerHTML = "";
    resultsBox.setAttribute("aria-busy", "false");
    return;
  }
  renderFacets(found.counts, state);
  await renderResults(found, state, mine);
}

// On a phone the facets fold into one "筛选" line above the results, open once a
// reader opens them or has chosen one; on wider screens they stay open beside them.
const wideScreen = window.matchMedia("(min-width: 44em)");

function renderFacets(counts, state) {
  const previous = facetsBox.querySelector("details");
  const chosen = Object.values(state.filters).flat().length;
  const details = document.createElement("details");
  details.open = wideScreen.matches || chosen > 0 || (previous ? previous.open : false);
  details.innerHTML = `<summary>筛选${chosen ? `（已选 ${chosen} 项）` : ""}</summary>`;
  facetsBox.replaceChildren(details);
  for (const [key, label] of FACETS) {
    const selected = state.filters[key] || [];
    const values = Object.entries(counts[key] || {}).filter(([v, n]) => n > 0 || selected.includes(v));
    if (!values.length) continue;
    values.sort(key === "year" ? (a, b) => b[0].localeCompare(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh"));
    const fieldset = document.createElement("fieldset");
    fieldset.innerHTML = `<legend>${label}</legend>`;
    for (const [value, count] of values) {
      const id = `f-${key}-${hex(value)}`;
      const row = document.createElement("div");
      row.className = "xxgk-facet";
      row.innerHTML = `<input type="checkbox" id="${id}" data-key="${key}" value="${escapeHtml(value)}"${selected.includes(value) ? " checked" : ""}>`
        + `<label for="${id}">${escapeHtml(value)} <span class="xxgk-count">${count}</span></label>`;
      fieldset.append(row);
    }
    details.append(fieldset);
  }
}

async function renderResults({ results, cut, statuses }, state, mine) {
  const pages = Math.max(1, Math.ceil(results.length / PER_PAGE));
  const current = Math.min(state.page, pages);
  const onPage = results.slice((current - 1) * PER_PAGE, current * PER_PAGE);
  const shown = await Promise.all(onPage.map((r) => r.data()));
  if (mine !== generation) return;
  const items = shown.map((d, i) => {
    const status = statuses.get(onPage[i].id);
    const badge = status ? ` <span class="xxgk-status xxgk-status--${ENDED[status]}">${status}</span>` : "";
    const url = new URL(d.url.replace(/^\//, ""), siteRoot).href;
    const meta = [d.meta.doc_number, d.meta.unit, d.meta.date].filter(Boolean)
      .map((m) => `<span>${escapeHtml(m)}</span>`).join("");
    const title = highlight(d.meta.title || url, state.q, cut);
    return `<li><a class="xxgk-list__title" href="${escapeHtml(url)}">${title}</a>${badge}`
      + `<div class="xxgk-list__meta">${meta}</div>`
      + `<p class="xxgk-snippet">${highlight(snippet(d, state.q, cut), state.q, cut)}</p></li>`;
  });
  const summary = results.length ? `找到 ${results.length} 条结果` : "没有找到相关信息，请换个词语或减少筛选条件。";
  let pager = "";
  if (pages > 1) {
    pager = `<nav class="xxgk-pager" aria-label="分页"><span class="xxgk-pager__total">第 ${current}/${pages} 页</span>`
      + (current > 1 ? `<button type="button" data-page="${current - 1}">上一页</button>` : "")
      + (current < pages ? `<button type="button" data-page="${current + 1}">下一页</button>` : "") + "</nav>";
  }
  resultsBox.innerHTML = `<p class="xxgk-results__summary" role="status">${summary}</p>`
    + (items.length ? `<ul class="xxgk-list">${items.join("")}</ul>` : "") + pager;
  resultsBox.setAttribute("aria-busy", "false");
}

// -- wiring ---------------------------------------------------------------------------------

function fromForm() {
  const state = readState();
  state.q = input.value.trim();
  state.sort = sortSelect.value;
  state.current = currentBox.checked;
  state.page = 1;
  return state;
}

// The index starts loading as soon as a reader is about to type.
const warmUp = () => Promise.all([loadPagefind(), loadFacets(), loadTokeniser()]).catch(() => {});
input.addEventListener("focus", warmUp, { once: true });
input.addEventListener("pointerdown", warmUp, { once: true });

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => { const s = fromForm(); writeState(s, false); run(s); }, 150);
});
for (const control of [sortSelect, currentBox]) {
  control.addEventListener("change", () => { const s = fromForm(); writeState(s, true); run(s); });
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  const s = fromForm();
  writeState(s, true);
  run(s);
});
facetsBox.addEventListener("change", (event) => {
  const box = event.target;
  const state = fromForm();
  const values = new Set(state.filters[box.dataset.key] || []);
  if (box.checked) values.add(box.value); else values.delete(box.value);
  if (values.size) state.filters[box.dataset.key] = [...values]; else delete state.filters[box.dataset.key];
  writeState(state, true);
  run(state);
});
resultsBox.addEventListener("click", (event) => {
  const target = event.target.closest("button[data-page]");
  if (!target) return;
  const state = readState();
  state.page = parseInt(target.dataset.page, 10);
  writeState(state, true);
  run(state);
  resultsBox.scrollIntoView();
});
const showState = (s) => { input.value = s.q; sortSelect.value = s.sort; currentBox.checked = s.current; };
window.addEventListener("popstate", () => { const s = readState(); showState(s); run(s); });

const initial = readState();
showState(initial);
run(initial);
