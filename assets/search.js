// The search page (/search/): our own form and result list, over two sources.
//
// - Filters with no words: the lists the build writes (search-lists.js). Nothing of the search
//   index is loaded; the first screen is one file of rows, and "Show more" fetches the next.
// - Words: Pagefind's index (search-words.js), loaded once the visitor focuses the search box,
//   types, or opens an address with words; chosen filters and the counts beside every filter
//   option come from the lists, by the row number each indexed page is named after.
//
// Safety: titles, filter values, excerpts and rows come from content, so they enter the page as
// text (textContent and text nodes), never as HTML (SECURITY-NOTES R17). Options come from
// data- attributes, so the page needs no inline script (strict CSP).
// The search state lives in the URL (/search/?q=silistra&country=Bulgaria): links can be
// shared, and the back button returns to the previous search.

import { Lists, countValues, intersect } from "./search-lists.js";
import { loadIndex, searchWords } from "./search-words.js";

// Interface text in the page's language (issue 19). The contract with the generated
// /assets/messages/<lang>.js (sisterlib/i18n/browser.py), loaded before this script:
// - window.SISTERLIB_MESSAGES: English message -> its translation. For a plural message
//   (tn below) the entry is keyed by the singular and holds an array of the language's plural
//   forms, in the catalog's order (msgstr[0], msgstr[1], ...).
// - window.SISTERLIB_PLURAL: the language's rule, a function n -> index of the form; when it
//   is absent, n === 1 ? 0 : 1.
// A message that is missing or empty (or a form out of range) shows the English source, so a
// page without that file works as before. Placeholders are named, %(name)s; tn fills %(num)s
// with n unless given. Translations are untrusted text: they enter the page with textContent only.
var MESSAGES = window.SISTERLIB_MESSAGES || {};
function ownMessage(key) {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key) ? MESSAGES[key] : undefined;
}
function fillIn(text, values) {
  return text.replace(/%\((\w+)\)s/g, function (whole, name) {
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}
function t(text, values) {
  var s = ownMessage(text);
  return fillIn(typeof s === "string" && s ? s : text, values || {});
}
function tn(one, many, n, values) {
  var forms = ownMessage(one);
  var index = typeof window.SISTERLIB_PLURAL === "function" ? window.SISTERLIB_PLURAL(n) : n === 1 ? 0 : 1;
  var form = Array.isArray(forms) ? forms[index] : undefined;
  return fillIn(typeof form === "string" && form ? form : n === 1 ? one : many, Object.assign({ num: n }, values));
}

const WORD_PAGE = 20; // word results shown at a time (each needs its excerpt fetched)
const TYPING_DELAY_MS = 250;
// Translators: the kind of a search result, shown beside its date
const KIND_LABELS = { library: t("Library"), partnership: t("Partnership"), story: t("Story"), activity: t("Activity idea"), guide: t("Guide") };
const LANG = document.documentElement.lang || "en"; // numbers are written the page's way

const root = document.querySelector("[data-search]");
if (root) start(root);

function start(root) {
  const form = root.querySelector("[data-search-form]");
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const lists = new Lists(root.dataset.lists, root.dataset.listsVersion);
  const listSize = Number(root.dataset.listSize);
  const index = () => loadIndex(root.dataset.pagefind, root.dataset.base);
  let view = null; // what "Show more" continues: {shown, total, next()}
  let generation = 0; // a newer search makes the answers of older ones stale
  let answered = 0; // the last search whose status line is written
  let typingTimer = 0;

  const chosen = () => selects.filter((s) => s.value).map((s) => ({ filter: s.dataset.filter, option: s.selectedOptions[0] }));

  function readUrl() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const select of selects) {
      const value = params.get(select.name) || "";
      select.value = [...select.options].some((o) => o.value === value) ? value : "";
    }
  }

  function formUrl() {
    const params = new URLSearchParams();
    const q = input.value.trim();
    if (q) params.set("q", q);
    for (const select of selects) if (select.value) params.set(select.name, select.value);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "");
  }

  // Typing updates the current history entry; a submitted search or a changed filter adds one.
  function remember(typing) {
    const url = formUrl();
    if (url === location.pathname + location.search) {
      if (!typing) history.replaceState({ typing: false }, "", url);
      return;
    }
    if (typing && history.state && history.state.typing) history.replaceState({ typing: true }, "", url);
    else history.pushState({ typing }, "", url);
  }

  // The number beside each option: how many results choosing it would give (null: not known yet).
  function showCounts(counts) {
    for (const select of selects) {
      for (const option of select.options) {
        if (!option.value) continue;
        const n = counts ? (counts[select.dataset.filter] || {})[option.value] || 0 : null;
        option.textContent = n === null ? option.dataset.label : `${option.dataset.label} (${n.toLocaleString(LANG)})`;
      }
    }
  }

  async function search() {
    const mine = ++generation;
    const q = input.value.trim();
    const filters = chosen();
    list.replaceChildren();
    more.hidden = true;
    view = null;
    if (!q && filters.length === 0) {
      showCounts(Object.fromEntries(selects.map((s) => [s.dataset.filter, totals(s)])));
      status.textContent = t("Type a word, or choose a kind, country, activity or type of library to see a list.");
      return;
    }
    const slow = setTimeout(() => {
      if (mine === generation && answered !== mine) status.textContent = t("Searching…"); // only when it takes a while
    }, 400);
    try {
      if (q) await wordSearch(mine, q, filters);
      else await listing(mine, filters);
    } catch (error) {
      say(mine, t("The search could not load its data. Check the connection, then try again."));
    } finally {
      clearTimeout(slow);
    }
  }

  // No words: one filter reads that value's pages; several intersect their rows first.
  async function listing(mine, filters) {
    if (filters.length === 1) {
      const { filter, option } = filters[0];
      const first = await lists.page(option.dataset.list, 1);
      if (mine !== generation) return;
      const own = Object.fromEntries(selects.map((s) => [s.dataset.filter, s.dataset.filter === filter ? totals(s) : {}]));
      showCounts({ ...own, ...first.counts, [filter]: own[filter] });
      let page = 0;
      view = { shown: 0, total: first.total, next: async () => (++page === 1 ? first : await lists.page(option.dataset.list, page)).rows };
    } else {
      const members = await membersOf(selects.map((s) => s.dataset.filter)); // every filter: the counts need them
      const rowsOf = (filter, except) =>
        intersect(filters.filter((f) => f.filter !== except).map((f) => members.get(f.filter).get(f.option.value) || []));
      const rows = rowsOf(null);
      if (mine !== generation) return;
      showCounts(countValues(members, (filter) => rowsOf(null, filter)));
      const carrier = filters.reduce((a, b) => (Number(a.option.dataset.count) <= Number(b.option.dataset.count) ? a : b));
      const carrierRows = members.get(carrier.filter).get(carrier.option.value);
      view = {
        shown: 0,
        total: rows.length,
        next: () => lists.rowsOf(rows.slice(view.shown, view.shown + listSize), carrier.option.dataset.list, carrierRows, listSize),
      };
    }
    await showMore(mine, false, (row) => rowItem(row));
    say(mine, summary(view.total, "", ""));
  }

  async function wordSearch(mine, q, filters) {
    const found = await index();
    if (mine !== generation) return;
    if (!found) return unavailable(mine);
    const answer = await searchWords(found, q);
    if (mine !== generation) return;
    let results = answer.results;
    if (filters.length) {
      const members = await membersOf(filters.map((f) => f.filter));
      const allowed = new Set(intersect(filters.map((f) => members.get(f.filter).get(f.option.value) || [])));
      results = results.filter((r) => allowed.has(r.row));
    }
    if (mine !== generation) return;
    showCounts(null);
    view = { shown: 0, total: results.length, next: async () => results.slice(view.shown, view.shown + WORD_PAGE) };
    await showMore(mine, false, (r) => r.result.data().then(wordItem));
    say(mine, summary(results.length, q, answer.missing));
    // The counts beside the options, once the first results are on screen.
    const all = await membersOf(selects.map((s) => s.dataset.filter));
    if (mine !== generation) return;
    const rowsFor = (except) => {
      const rows = answer.results.map((r) => r.row);
      const others = filters.filter((f) => f.filter !== except);
      if (!others.length) return rows;
      const allowed = new Set(intersect(others.map((f) => all.get(f.filter).get(f.option.value) || [])));
      return rows.filter((row) => allowed.has(row));
    };
    showCounts(countValues(all, rowsFor));
  }

  function say(mine, text) {
    if (mine !== generation) return;
    answered = mine;
    status.textContent = text;
  }

  async function membersOf(names) {
    const values = await Promise.all(names.map((name) => lists.members(name)));
    return new Map(names.map((name, i) => [name, values[i]]));
  }

  // The next screen of the current view; `item` makes one list item (or a promise of one).
  async function showMore(mine, moveFocus, item) {
    const batch = await view.next();
    const items = await Promise.all(batch.map(item));
    if (mine !== generation) return;
    list.append(...items);
    view.shown += batch.length;
    view.item = item;
    more.hidden = view.shown >= view.total;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  // Whole sentences, one per case, so that a translation can order the words its own way.
  function summary(count, q, missing) {
    const names = chosen().map((f) => f.option.dataset.label);
    const values = { num: count.toLocaleString(LANG), words: q, filters: names.join(", ") };
    let text;
    if (q && names.length) {
      text = count === 0 ? t("No results for “%(words)s” (%(filters)s).", values)
        : tn("%(num)s result for “%(words)s” (%(filters)s).", "%(num)s results for “%(words)s” (%(filters)s).", count, values);
    } else if (q) {
      text = count === 0 ? t("No results for “%(words)s”.", values) : tn("%(num)s result for “%(words)s”.", "%(num)s results for “%(words)s”.", count, values);
    } else if (names.length) {
      text = count === 0 ? t("No results (%(filters)s).", values) : tn("%(num)s result (%(filters)s).", "%(num)s results (%(filters)s).", count, values);
    } else {
      text = count === 0 ? t("No results.") : tn("%(num)s result.", "%(num)s results.", count, values);
    }
    if (count === 0 && missing) {
      text += " " + t("No page has a word that starts with “%(word)s”: check the spelling, or try another word. Names can be typed in Latin or Cyrillic letters.", { word: missing });
    } else if (count === 0) text += " " + (q ? t("Try other words, or remove a filter.") : t("Try removing a filter."));
    return text;
  }

  function unavailable(mine) {
    say(mine, "");
    root.querySelector("[data-search-unavailable]").hidden = false; // role="alert": read out once
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    remember(false);
    search();
  });
  input.addEventListener("focus", () => index(), { once: true }); // start loading the index
  input.addEventListener("input", () => {
    index();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      remember(true);
      search();
    }, TYPING_DELAY_MS);
  });
  for (const select of selects) {
    select.addEventListener("change", () => {
      remember(false);
      search();
    });
  }
  root.querySelector("[data-search-clear]").addEventListener("click", () => {
    input.value = "";
    for (const select of selects) select.value = "";
    remember(false);
    search();
    input.focus();
  });
  more.addEventListener("click", () => showMore(generation, true, view.item));
  window.addEventListener("popstate", () => {
    readUrl();
    search();
  });

  readUrl();
  search();
}

// Counts of a filter's values with nothing else chosen (rendered into the page by the build).
function totals(select) {
  return Object.fromEntries([...select.options].filter((o) => o.value).map((o) => [o.value, Number(o.dataset.count)]));
}

// The lists name pages by their path in the site's first language; a search page in another
// language links the same pages in its own (data-base "/bg/" where the site's root is "/").
function inPageLanguage(link) {
  const siteRoot = root.dataset.root || "/";
  const base = root.dataset.base || siteRoot;
  return base !== siteRoot && link.startsWith(siteRoot) ? base + link.slice(siteRoot.length) : link;
}

function rowItem([, link, title, kind, date, countries, text]) {
  return card(inPageLanguage(link), title, kind, date, countries, text ? [text] : []);
}

function wordItem(data) {
  const filters = data.filters || {};
  const meta = data.meta || {};
  const title = meta["title_" + document.documentElement.lang] || meta.title; // a translation's own title
  return card(data.url, title || data.url, (filters.kind || [])[0], meta.date, filters.country || [], excerptParts(data.excerpt || ""));
}

// A country as the filter shows it: its name in the page's language (the index keeps one name for every language).
function countryLabel(value) {
  const option = [...root.querySelectorAll('[data-filter="country"] option')].find((o) => o.value === value);
  return option ? option.dataset.label : value;
}

function card(link, title, kind, date, countries, excerpt) {
  const item = element("li", "card search-result");
  const anchor = element("a", "card-title", title);
  anchor.href = sameSiteUrl(link);
  item.append(anchor);
  const facts = [KIND_LABELS[kind] || kind, date, countries.map(countryLabel).join(", ")].filter(Boolean);
  if (facts.length) item.append(element("span", "meta", facts.join(" · ")));
  if (excerpt.length) {
    const paragraph = element("p", "excerpt");
    paragraph.append(...excerpt);
    item.append(paragraph);
  }
  return item;
}

// Pagefind's excerpt is the page's text with "<" and ">" escaped and the matched words
// wrapped in <mark>: rebuild it from text nodes instead of parsing it as HTML.
function excerptParts(excerpt) {
  const parts = [];
  let marked = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (text) parts.push(marked ? element("mark", "", text) : text);
  }
  return parts;
}

function sameSiteUrl(url) {
  const parsed = new URL(url, location.href);
  return parsed.origin === location.origin ? parsed.pathname + parsed.search + parsed.hash : "#";
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
