// The search page (/search/): our own form and result list on top of Pagefind's JS API.
//
// Safety: titles, filter values and excerpts come from content, so they enter the page as
// text (textContent and text nodes), never as HTML (SECURITY-NOTES R17). Options come from
// data- attributes, so the page needs no inline script (strict CSP).
// The search state lives in the URL (/search/?q=silistra&country=Bulgaria): links can be
// shared, and the back button returns to the previous search.

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;
const KIND_LABELS = { library: "Library", partnership: "Partnership", story: "Story", activity: "Activity idea", guide: "Guide" };

const root = document.querySelector("[data-search]");
if (root) start(root);

function start(root) {
  const form = root.querySelector("[data-search-form]");
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const latin = JSON.parse(root.dataset.latin || "{}");
  let results = [];
  let shown = 0;
  let generation = 0; // a newer search makes the answers of older ones stale
  let typingTimer = 0;

  // Load the index right away, so a filter-only list needs no typing. A site built without
  // the index (--no-search, the preview server) has no pagefind.js: say so.
  const loading = import(root.dataset.pagefind)
    .then(async (pagefind) => {
      await pagefind.options({ excerptLength: 30 });
      pagefind.init();
      return pagefind;
    })
    .catch(() => null);

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

  function toLatin(text) {
    return [...text.toLowerCase()].map((ch) => latin[ch] ?? ch).join("");
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  async function search() {
    const mine = ++generation;
    const pagefind = await loading;
    if (mine !== generation) return;
    if (!pagefind) return unavailable();
    const q = input.value.trim();
    const filters = chosenFilters();
    if (!q && Object.keys(filters).length === 0) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type a word, or choose a kind, country, activity or type of library to see a list.";
      return;
    }
    const options = { filters };
    if (!q) options.sort = { listing: "asc" }; // a list: libraries, partnerships, stories newest first...
    const terms = q ? [q] : [null];
    if (q && /[\u0400-\u04ff]/.test(q)) terms.push(toLatin(q)); // Силистра also finds Silistra
    const responses = await Promise.all(terms.map((term) => pagefind.search(term, options)));
    if (mine !== generation) return;
    // One list; a page found by both spellings keeps its better score.
    const best = new Map();
    for (const result of responses.flatMap((response) => (response ? response.results : []))) {
      const known = best.get(result.id);
      if (!known || result.score > known.score) best.set(result.id, result);
    }
    results = [...best.values()];
    if (terms.length > 1) results.sort((a, b) => b.score - a.score);
    list.replaceChildren();
    shown = 0;
    await showMore(false);
    if (mine !== generation) return;
    status.textContent = summary(results.length, q);
  }

  function summary(count, q) {
    const chosen = selects.filter((s) => s.value).map((s) => s.selectedOptions[0].textContent.trim());
    let text = count === 0 ? "No results" : count === 1 ? "1 result" : `${count} results`;
    if (q) text += ` for “${q}”`;
    if (chosen.length) text += ` (${chosen.join(", ")})`;
    text += ".";
    if (count === 0) text += q ? " Try other words, or remove a filter." : " Try removing a filter.";
    return text;
  }

  async function showMore(moveFocus) {
    const mine = generation;
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return;
    const listing = !input.value.trim(); // no words: the excerpt is the page's start
    const items = data.map((d) => resultItem(d, listing));
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  function unavailable() {
    status.textContent = "";
    root.querySelector("[data-search-unavailable]").hidden = false; // role="alert": read out once
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    remember(false);
    search();
  });
  input.addEventListener("input", () => {
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
  more.addEventListener("click", () => showMore(true));
  window.addEventListener("popstate", () => {
    readUrl();
    search();
  });

  readUrl();
  search();
}

function resultItem(data, listing) {
  const item = element("li", "card search-result");
  const link = element("a", "card-title");
  link.href = sameSiteUrl(data.url);
  link.textContent = (data.meta && data.meta.title) || data.url;
  item.append(link);
  const filters = data.filters || {};
  const facts = [];
  for (const kind of filters.kind || []) facts.push(KIND_LABELS[kind] || kind);
  if (data.meta && data.meta.date) facts.push(data.meta.date);
  if (filters.country && filters.country.length) facts.push(filters.country.join(", "));
  if (facts.length) item.append(element("span", "meta", facts.join(" · ")));
  let excerpt = data.excerpt || "";
  if (listing) excerpt = withoutTitle(excerpt, link.textContent); // it is right above
  if (excerpt) {
    const paragraph = element("p", "excerpt");
    appendExcerpt(paragraph, excerpt);
    item.append(paragraph);
  }
  return item;
}

// Pagefind's excerpt is the page's text with "<" and ">" escaped and the matched words
// wrapped in <mark>: rebuild it from text nodes instead of parsing it as HTML.
function appendExcerpt(parent, excerpt) {
  let marked = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (!text) continue;
    parent.append(marked ? element("mark", "", text) : text);
  }
}

// The indexed text starts with the title (Pagefind adds ". " after a heading). Metadata would
// be the natural place for a summary, but Pagefind indexes metadata too, which skews ranking.
function withoutTitle(excerpt, title) {
  const escaped = title.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return excerpt.startsWith(escaped) ? excerpt.slice(escaped.length).replace(/^[.\s]+/, "") : excerpt;
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
