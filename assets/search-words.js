// Word search: Pagefind's index, loaded only when the visitor starts a word search, in the
// parts the build split it into (sisterlib/search/pagefind.py), merged here.
//
// No answer without a match. When a word of the query is in no page, Pagefind answers with the
// pages of the longest indexed word the query word starts with ("a" for "avrora": nearly
// every page). It does so for each part of the index on its own, so one part can answer with
// such pages while another has the word. So each part's answer is checked: every word of the
// query must begin a word the part's best page really has (in its text or its names), or be a
// word of that part's index once stemmed (an exact search, which never falls back like that).
// A part that fails the check gives no results.

const RANKING = { metaWeights: { title: 5, name: 10 } }; // a library's own names put its page first
const EXCERPT_WORDS = 30;

let loading = null;

// Pagefind and the number of parts, or null when this copy of the site has no index.
export function loadIndex(base, siteBase) {
  loading ??= (async () => {
    const response = await fetch(`${base}parts.json`, { cache: "no-cache" });
    if (!response.ok) throw new Error("no search index");
    const { parts } = await response.json();
    const pagefind = await import(`${base}pagefind.js`);
    const options = { excerptLength: EXCERPT_WORDS, baseUrl: siteBase, ranking: RANKING };
    await pagefind.options(options);
    await pagefind.init();
    for (let n = 1; n < parts; n++) await pagefind.mergeIndex(`${base}${n}/`, options);
    return { pagefind, parts };
  })().catch(() => null);
  return loading;
}

// The row of the list order a result is (its page is named "<tag>/<row in base 36>").
export function rowOf(result) {
  return parseInt(result.id.split("/")[1], 36);
}

// The words of a query as Pagefind reads them: lower case, no punctuation, no accents.
export function queryWords(q) {
  return normalize(q).split(" ").filter(Boolean);
}

function normalize(text) {
  return text
    .toLocaleLowerCase()
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

// {results: [{row, score, result}] best first, missing: a query word no page has, or ""}.
export async function searchWords(index, q) {
  const { pagefind, parts } = index;
  const response = await pagefind.search(q);
  const results = response.results.map((result) => ({ row: rowOf(result), score: result.score, result }));
  const words = queryWords(q);
  if (!results.length) return { results, missing: words[0] || "" };
  const best = new Map(); // part -> its best result
  for (const r of results) if (!best.has(r.row % parts)) best.set(r.row % parts, r);
  const exact = new Map(); // query word -> parts whose index has it
  const failed = new Set();
  let missing = "";
  for (const [part, top] of best) {
    const found = foundWords(await top.result.data());
    for (const word of words) {
      if (found.some((w) => w.startsWith(word))) continue;
      if (!exact.has(word)) {
        const answer = await pagefind.search(`"${word}"`);
        exact.set(word, new Set(answer.results.map((r) => rowOf(r) % parts)));
      }
      if (exact.get(word).has(part)) continue;
      failed.add(part);
      missing ||= word;
      break;
    }
  }
  const kept = results.filter((r) => !failed.has(r.row % parts));
  return { results: kept, missing: kept.length ? "" : missing };
}

// The words a result matched in its text, and the words of its title and names.
function foundWords(data) {
  const text = data.content.split(/[\r\n\s]+/g);
  const words = data.locations.map((location) => text[location] || "");
  const meta = data.meta || {};
  for (const field of ["title", "name", "spellings"]) if (meta[field]) words.push(...meta[field].split(/\s+/));
  return words.map(normalize);
}
