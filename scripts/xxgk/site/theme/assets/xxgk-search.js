// The 检索 page: Pagefind search with facets, kept in the address so a filtered
// search can be bookmarked. The query is cut like scripts/xxgk/search.py cut the
// indexed text, by the rules the build writes beside the index (xxgk-search-tokens.js).
// With 联合检索 in 站点.yml it searches other xxgk sites' indexes too (Pagefind's
// multisite search); their results carry their site's name under 来源网站.

import { hex, tokeniser } from "./xxgk-search-tokens.js";

const page = document.querySelector(".xxgk-searchpage");
const form = page.querySelector("form");
const input = form.elements.q;
const sortSelect = form.elements.sort;
const currentBox = page.querySelector("#xxgk-search-current");
const localBox = page.querySelector("#xxgk-search-local"); // only with 联合检索
const facetsBox = page.querySelector(".xxgk-facets");
const resultsBox = page.querySelector(".xxgk-results");
const pagefindUrl = new URL(page.dataset.pagefind, location.href).href;
const siteRoot = new URL(page.dataset.root, location.href);
const INDEX_LANGUAGE = page.dataset.language; // the records' language to Pagefind (pagefind.py RECORD_LANGUAGE)

// 联合检索: the other sites, each {name, index: its Pagefind bundle, root: its home}.
const otherSites = JSON.parse(page.dataset.sites || "[]");
const HERE = page.dataset.here || "本站"; // this site's own value under 来源网站
const FACETS = [
  ...(otherSites.length ? [["site", "来源网站"]] : []),
  ["unit", "发布机构"], ["category", "信息类别"], ["topic", "主题分类"],
  ["genre", "文种"], ["year", "年份"], ["validity", "有效性"], ["special", "专题"],
];
// A Pagefind filter that no index has: mergeFilter gives each merged index's pages one value of it.
const SITE_FILTER = "xxgk_site";
// The statuses of a document no longer in force (lifecycle.py), and their badges (render.py status_badge).
const ENDED = { 失效: "expired", 废止: "repealed" };
const PER_PAGE = 10;
const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 66;

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
    current: params.get("current") === "1", local: params.get("local") === "1",
    page: Math.max(1, parseInt(params.get("p") || "1", 10) || 1), filters,
  };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  if (state.current) params.set("current", "1");
  if (state.local) params.set("local", "1");
  for (const [key, values] of Object.entries(state.filters)) for (const v of values) params.append(key, v);
  if (state.page > 1) params.set("p", state.page);
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

// -- searching ----------------------------------------------------------------------------

// The files beside the index that keep one name from build to build: asked of the server each
// time (an unchanged file costs a "304 Not Modified"), as Pagefind asks for its entry file. A
// server without Cache-Control (nginx's default) lets a browser keep a file for a tenth of its
// age: facets kept from an earlier build would give results the values of other pages.
const fresh = (url) => fetch(url, { cache: "no-cache" });

// Both load once; every caller waits for the same promise.
let pagefind = null;
function loadPagefind() {
  pagefind ||= (async () => {
    // Pagefind picks its index and its query segmentation from <html lang>: with
    // zh it would cut the query with Intl.Segmenter. Our records are already cut
    // (search.py) and indexed as INDEX_LANGUAGE, so it must start while the page says so.
    const html = document.documentElement;
    const pageLanguage = html.lang;
    html.lang = INDEX_LANGUAGE;
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

// Each other site is searched by a Pagefind instance of its own: this site's index as the
// primary, whose WebAssembly searches (so no code of the other site runs here), and the other
// site's index merged into it with mergeIndex, its pages under their own value of SITE_FILTER
// so that a search keeps only them, and baseUrl making their addresses absolute. One instance
// a site, rather than one for all, keeps a site that cannot be reached from failing the
// others' searches, and tells whose each result is: two xxgk indexes may name pages alike.
// A site whose index was cut by other rules (another xxgk version) would miss what the query
// asks for: it is left out, and the page says so.
const others = new Map();
const rulesOf = async (url) => {
  const response = await fresh(new URL("xxgk-tokeniser.json", url));
  if (!response.ok) throw new Error(`tokeniser: ${response.status}`);
  return JSON.stringify(await response.json());
};
function loadOther(site) {
  if (!others.has(site.name)) {
    const loading = (async () => {
      const [module, ours, theirs] = await Promise.all([loadPagefind(), rulesOf(pagefindUrl), rulesOf(site.index)]);
      if (ours !== theirs) throw Object.assign(new Error("tokeniser differs"), { differs: true });
      const html = document.documentElement;
      const pageLanguage = html.lang;
      html.lang = INDEX_LANGUAGE; // read when the instance is created, as in loadPagefind
      let instance;
      try {
        instance = module.createInstance({
          basePath: new URL("./", pagefindUrl).href, excerptLength: 36, mergeFilter: { [SITE_FILTER]: HERE },
        });
      } finally {
        html.lang = pageLanguage;
      }
      try {
        await instance.mergeIndex(site.index, {
          language: INDEX_LANGUAGE, baseUrl: site.root, mergeFilter: { [SITE_FILTER]: site.name },
        });
      } catch (error) {
        instance.destroy();
        throw error;
      }
      return instance;
    })();
    others.set(site.name, loading);
    loading.catch(() => others.delete(site.name)); // the next search tries again
  }
  return others.get(site.name);
}

// The query is cut by the rules the build wrote beside the index (search.py's TOKENISER_RULES).
let queryTokeniser = null;
function loadTokeniser() {
  queryTokeniser ||= (async () => {
    const response = await fresh(new URL("xxgk-tokeniser.json", pagefindUrl));
    if (!response.ok) throw new Error(`tokeniser: ${response.status}`);
    return tokeniser(await response.json());
  })();
  queryTokeniser.catch(() => { queryTokeniser = null; });
  return queryTokeniser;
}

// The facets files beside the index (search/pagefind.py facets_files) have, for each facet,
// the sets of values pages have and one character per page: "0" for none, else the place of
// its set from "1" on. A result's page number is the end of its fragment name, in hex.
// FACETS_FILE has what every search needs (有效性, for the order and 只看现行有效); COUNTS_FILE
// the other facets, loaded only when their counts are shown or a search filters by one of them:
// on a phone, a reader who never opens 筛选 does not download them.
const FACETS_FILE = "xxgk-facets.json";
const COUNTS_FILE = "xxgk-facet-counts.json";
const FIRST_SET = "1".charCodeAt(0);
const facetFiles = new Map();
function loadFacets(file = FACETS_FILE) {
  if (!facetFiles.has(file)) {
    const loading = (async () => {
      const response = await fresh(new URL(file, pagefindUrl));
      if (!response.ok) throw new Error(`facets: ${response.status}`);
      const data = await response.json();
      const values = {};
      for (const [key, { values: sets, pages }] of Object.entries(data.facets)) {
        const ofPage = new Array(pages.length);
        for (let number = 0; number < pages.length; number++) {
          const place = pages.charCodeAt(number) - FIRST_SET;
          if (place >= 0) ofPage[number] = sets[place];
        }
        values[key] = ofPage;
      }
      return { pages: data.pages, prefix: data.fragment, values };
    })();
    facetFiles.set(file, loading);
    loading.catch(() => facetFiles.delete(file)); // the next search tries again
  }
  return facetFiles.get(file);
}

// The counts are shown beside the results on a wide screen; on a phone once the reader has
// opened 筛选 or chosen a value (renderFacets).
const countsShown = (state) => wideScreen.matches || Object.values(state.filters).flat().length > 0
  || !!facetsBox.querySelector("details")?.open;

// One site's matches: the pages holding every phrase, each asked as a quoted (exact) search,
// which Pagefind answers from the words' positions without scoring every page: a common
// word found in most of 10,000 pages takes a quarter to a half of the time of its ranked search. A
// page's relevance is where the query is first matched whole: in the title and the other fields
// before the text (search.py), then early in the text. Exact 发文字号/索引号 matches come
// first; each result is marked with its site and whether it matched exactly.
async function matchesOf(pf, phrases, exact, site, options = {}) {
  const [exactSearch, ...found] = await Promise.all([
    exact ? pf.search(exact, options) : null,
    ...(phrases.length ? phrases.map((words) => pf.search(`"${words.join(" ")}"`, options))
      : [pf.search(null, options)]), // null: every page, newest first
  ]);
  const exactIds = new Set(exactSearch ? exactSearch.results.map((r) => r.id) : []);
  // page id -> where the query is first matched whole: the latest of its phrases' first matches
  // (a 发文字号's year is in every 索引号 near the start; its agency is in the fields or the text)
  const starts = new Map();
  let pages = null; // the ids holding every phrase so far
  for (const search of found) {
    const here = new Set();
    for (const r of search.results) {
      if (pages && !pages.has(r.id)) continue;
      here.add(r.id);
      let first = Infinity;
      for (const at of r.words) if (at < first) first = at; // a common word: thousands of positions
      starts.set(r.id, Math.max(starts.get(r.id) ?? 0, first));
    }
    pages = here;
  }
  const seen = new Set();
  return [...(exactSearch ? exactSearch.results : []), ...found[0].results.filter((r) => pages.has(r.id))]
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => Object.assign(r, { site, exact: exactIds.has(r.id), score: 1 / (1 + (starts.get(r.id) ?? 0)) }));
}

// The other sites a state searches: none when the reader keeps to this site or has chosen
// what only this site's pages have (a facet of ours, 只看现行有效: the other sites' facets
// are not downloaded, so their pages have none).
function othersFor(state) {
  if (state.local || state.current || FACETS.some(([key]) => key !== "site" && state.filters[key])) return [];
  return otherSites;
}

// A site that does not answer in time is left out of this search, not waited for.
const OTHER_SITE_SECONDS = 8;
const inTime = (promise) => Promise.race([promise, new Promise((_, reject) => {
  setTimeout(() => reject(new Error("timeout")), OTHER_SITE_SECONDS * 1000);
})]);

// The matches of the last query on the sites it searched, kept: opening 筛选, choosing a facet
// value, a page or the order counts and sorts them again without asking Pagefind again (a common
// word takes it a third to a half of a second at 10,000 pages). A search where a site could not be
// read is not kept, so the next one tries that site again.
let lastSearch = null;
function matchesFor(pagefindLoading, phrases, exact, sites) {
  const key = JSON.stringify([phrases, exact, sites.map((site) => site.name)]);
  if (lastSearch?.key !== key) {
    const failed = []; // could not be read in time
    const differs = []; // built by another xxgk version
    const found = Promise.all([
      pagefindLoading.then((pf) => matchesOf(pf, phrases, exact, HERE)),
      ...sites.map((site) => inTime(loadOther(site)
        .then((pf) => matchesOf(pf, phrases, exact, site.name, { filters: { [SITE_FILTER]: site.name } })))
        .catch((error) => { (error.differs ? differs : failed).push(site.name); return []; })),
    ]).then((lists) => ({ matches: lists.flat(), failed, differs }));
    const search = { key, found };
    const forget = () => { if (lastSearch === search) lastSearch = null; };
    found.then(() => { if (failed.length) forget(); }, forget);
    lastSearch = search;
  }
  return lastSearch.found;
}

// Every result for a state: exact matches first, then the phrase matches, then the facets
// chosen; of equal relevance, a document in force before an ended one. Counts per
// facet value are of the results that the other facets let through, so a reader
// sees what each value would add. Returns null when there is nothing to search.
async function find(state) {
  const keys = FACETS.map(([key]) => key);
  const filtered = state.current || keys.some((key) => state.filters[key]);
  if (!state.q.trim() && !filtered) return null;
  const pagefindLoading = loadPagefind();
  const facetsLoading = loadFacets();
  const cut = await loadTokeniser();
  const { phrases, exact } = cut.query(state.q);
  if (!phrases.length && !filtered) return null; // punctuation only
  const ordering = await facetsLoading;
  if (!ordering.pages) { // a new site with nothing published: no Pagefind index at all
    pagefindLoading.catch(() => {});
    return { results: [], counts: {}, cut, statuses: new Map(), failed: [], differs: [] };
  }
  const counting = countsShown(state);
  const filteredByCounts = keys.some((key) => key !== "site" && state.filters[key] && !ordering.values[key]);
  const facets = counting || filteredByCounts ? await loadFacets(COUNTS_FILE)
    .then((more) => ({ ...ordering, values: { ...ordering.values, ...more.values } })) : ordering;
  const searched = await matchesFor(pagefindLoading, phrases, exact, othersFor(state));
  const { failed, differs } = searched;
  let matches = searched.matches;
  const number = (r) => parseInt(r.id.slice(facets.prefix.length), 16); // pages are numbered newest first
  const valuesOf = (r, key) => {
    if (key === "site") return [r.site];
    return r.site === HERE ? (facets.values[key] || [])[number(r)] || [] : [];
  };
  const passes = (r, key) => !state.filters[key] || valuesOf(r, key).some((v) => state.filters[key].includes(v));
  // Scores (matchesOf: by where the first match starts) within a tenth of each other count as
  // equally relevant: two versions of one text (a repealed 办法 and the one replacing it)
  // match at about the same place, and the one in force comes first.
  const band = (r) => (r.score > 0 ? Math.floor(Math.log(r.score) / Math.log(1.1)) : 0);
  const ended = (r) => valuesOf(r, "validity").find((v) => ENDED[v]) || "";
  if (state.current) matches = matches.filter((r) => !ended(r));
  const counts = counting ? {} : null; // null: not shown, the reader has not opened 筛选
  for (const key of counting ? keys : []) {
    const tally = Object.fromEntries((state.filters[key] || []).map((v) => [v, 0]));
    for (const r of matches) {
      if (keys.every((other) => other === key || passes(r, other))) {
        for (const v of valuesOf(r, key)) tally[v] = (tally[v] || 0) + 1;
      }
    }
    counts[key] = tally;
  }
  let results = matches.filter((r) => keys.every((key) => passes(r, key)));
  if (state.sort === "date") { // a site's fragment names differ only in their page number, in hex
    results.sort((a, b) => b.exact - a.exact || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id));
    if (results.some((r) => r.site !== HERE)) results = await newestFirst(results, state.page * PER_PAGE);
  } else {
    results.sort((a, b) => b.exact - a.exact || band(b) - band(a) || !!ended(a) - !!ended(b) || b.score - a.score);
  }
  const statuses = new Map(results.map((r) => [r, ended(r)]));
  return { results, counts, cut, statuses, failed, differs };
}

// A result's fragment (its url, text and meta), fetched once however often it is asked for.
const fragments = new WeakMap();
function dataOf(r) {
  if (!fragments.has(r)) fragments.set(r, r.data());
  return fragments.get(r);
}

// Newest first across sites, for the first `wanted` results. Within a site they already are
// (its pages are numbered newest first, and a site's fragment names differ only in the number),
// so only the first result left of each site needs its date, from its fragment.
async function newestFirst(results, wanted) {
  const exact = results.filter((r) => r.exact);
  const lists = new Map();
  for (const r of results) {
    if (!r.exact) (lists.get(r.site) || lists.set(r.site, []).get(r.site)).push(r);
  }
  const heads = [...lists.values()];
  const merged = [...exact];
  while (merged.length < wanted) {
    const open = heads.filter((list) => list.length);
    if (!open.length) break;
    const dates = await Promise.all(open.map(async (list) => (await dataOf(list[0])).meta.date || ""));
    let newest = 0;
    dates.forEach((date, i) => { if (date > dates[newest]) newest = i; });
    merged.push(open[newest].shift());
  }
  return [...merged, ...heads.flat()];
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
  const chosen = Object.values(state.filters).flat().length;
  const details = document.createElement("details");
  details.open = countsShown(state);
  details.innerHTML = `<summary>筛选${chosen ? `（已选 ${chosen} 项）` : ""}</summary>`;
  facetsBox.replaceChildren(details);
  if (!counts) { // counted once the reader opens it (the toggle listener below)
    details.insertAdjacentHTML("beforeend", "<p class=\"xxgk-hint\">正在统计…</p>");
    return;
  }
  details.dataset.counted = "1";
  for (const [key, label] of FACETS) {
    if (key === "site" && state.local) continue;
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

// Where a result links to: a page of this site, or of the other site it came from (made absolute
// by its baseUrl); an address outside that site is not followed.
function addressOf(r, d) {
  if (r.site === HERE) return new URL(d.url.replace(/^\//, ""), siteRoot).href;
  const root = otherSites.find((site) => site.name === r.site).root;
  const url = new URL(d.url, root).href;
  return url.startsWith(root) ? url : root;
}

async function renderResults({ results, cut, statuses, failed, differs }, state, mine) {
  const pages = Math.max(1, Math.ceil(results.length / PER_PAGE));
  const current = Math.min(state.page, pages);
  const onPage = results.slice((current - 1) * PER_PAGE, current * PER_PAGE);
  const shown = await Promise.all(onPage.map(dataOf));
  if (mine !== generation) return;
  const items = shown.map((d, i) => {
    const r = onPage[i];
    const status = statuses.get(r);
    const badge = status ? ` <span class="xxgk-status xxgk-status--${ENDED[status]}">${status}</span>` : "";
    const url = addressOf(r, d);
    const source = otherSites.length ? [`来源：${r.site}`] : [];
    const meta = [...source, d.meta.doc_number, d.meta.unit, d.meta.date].filter(Boolean)
      .map((m, n) => `<span${source.length && !n ? " class=\"xxgk-source\"" : ""}>${escapeHtml(m)}</span>`).join("");
    const title = highlight(d.meta.title || url, state.q, cut);
    return `<li><a class="xxgk-list__title" href="${escapeHtml(url)}">${title}</a>${badge}`
      + `<div class="xxgk-list__meta">${meta}</div>`
      + `<p class="xxgk-snippet">${highlight(snippet(d, state.q, cut), state.q, cut)}</p></li>`;
  });
  const names = (sites) => otherSites.filter((site) => sites.includes(site.name)).map((site) => escapeHtml(site.name)).join("、");
  const missing = (failed.length ? `（${names(failed)}的检索索引未能加载，结果中暂无其信息）` : "")
    + (differs.length ? `（${names(differs)}的网站使用不同版本的 xxgk，未纳入检索）` : "");
  const summary = (results.length ? `找到 ${results.length} 条结果` : "没有找到相关信息，请换个词语或减少筛选条件。") + missing;
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
  state.local = localBox ? localBox.checked : false;
  state.page = 1;
  return state;
}

// The index starts loading as soon as a reader is about to type.
const warmUp = () => Promise.all([
  loadPagefind(), loadFacets(), loadTokeniser(), ...(wideScreen.matches ? [loadFacets(COUNTS_FILE)] : []),
  ...(localBox && localBox.checked ? [] : otherSites.map((site) => loadOther(site).catch(() => {}))),
]).catch(() => {});
input.addEventListener("focus", warmUp, { once: true });
input.addEventListener("pointerdown", warmUp, { once: true });

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => { const s = fromForm(); writeState(s, false); run(s); }, 150);
});
for (const control of [sortSelect, currentBox, localBox].filter(Boolean)) {
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
// 筛选 opened on a phone: the same search again, now with its counts ("toggle" does not bubble).
facetsBox.addEventListener("toggle", (event) => {
  if (event.target.open && !event.target.dataset.counted) run(readState());
}, true);
resultsBox.addEventListener("click", (event) => {
  const target = event.target.closest("button[data-page]");
  if (!target) return;
  const state = readState();
  state.page = parseInt(target.dataset.page, 10);
  writeState(state, true);
  run(state);
  resultsBox.scrollIntoView();
});
const showState = (s) => {
  input.value = s.q; sortSelect.value = s.sort; currentBox.checked = s.current;
  if (localBox) localBox.checked = s.local;
};
window.addEventListener("popstate", () => { const s = readState(); showState(s); run(s); });

const initial = readState();
showState(initial);
run(initial);
