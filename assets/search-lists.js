// The lists the build writes for the search page (sisterlib/search/listings.py): one file per
// page of rows for each filter value, and for each filter the rows of every value. A search
// with filters and no words reads only these, never the search index.
//
// A row is [row number, link, title, kind, date, countries, text]; row numbers follow the list
// order (libraries, partnerships, stories newest first, activities, guides), and the search
// index names its pages by the same numbers, so word results are filtered and counted here too.

export class Lists {
  constructor(base, version) {
    this.base = base; // "/search/lists/"
    this.version = version; // a file cached from another build is never mixed with these
    this.files = new Map(); // url -> Promise of parsed JSON
  }

  fetchJson(name) {
    const url = `${this.base}${name}?v=${this.version}`;
    if (!this.files.has(url)) {
      const request = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      });
      request.catch(() => this.files.delete(url)); // a failed file is fetched again next time
      this.files.set(url, request);
    }
    return this.files.get(url);
  }

  // Page n (from 1) of one filter value's rows: {rows}, and on page 1 also {total, counts}.
  page(stem, n) {
    return this.fetchJson(`${stem}/${n}.json`);
  }

  // Every value of one filter -> its row numbers (ascending, as an Int32Array).
  async members(filter) {
    const key = `members:${filter}`;
    if (!this.files.has(key)) {
      this.files.set(
        key,
        this.fetchJson(`${filter}.json`).then((values) => {
          const out = new Map();
          for (const [value, gaps] of Object.entries(values)) {
            const rows = new Int32Array(gaps.length);
            let row = -1;
            for (let i = 0; i < gaps.length; i++) rows[i] = row += gaps[i];
            out.set(value, rows);
          }
          return out;
        }),
      );
    }
    return this.files.get(key);
  }

  // The rows of `wanted` (ascending row numbers), read from the pages of the value `carrier`,
  // whose rows include them all: only the pages that hold them are fetched.
  async rowsOf(wanted, carrierStem, carrierRows, perPage) {
    const pages = new Map(); // page number -> rows wanted from it
    for (const row of wanted) {
      const n = Math.floor(rank(carrierRows, row) / perPage) + 1;
      if (!pages.has(n)) pages.set(n, []);
      pages.get(n).push(row);
    }
    const byRow = new Map();
    await Promise.all(
      [...pages.keys()].map(async (n) => {
        for (const data of (await this.page(carrierStem, n)).rows) byRow.set(data[0], data);
      }),
    );
    return wanted.map((row) => byRow.get(row)).filter(Boolean);
  }
}

// Position of `row` in the ascending `rows` (binary search).
function rank(rows, row) {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid] < row) low = mid + 1;
    else high = mid;
  }
  return low;
}

// The rows in every one of the ascending arrays, ascending.
export function intersect(arrays) {
  if (arrays.length === 0) return [];
  const sorted = [...arrays].sort((a, b) => a.length - b.length);
  let out = Array.from(sorted[0]);
  for (const other of sorted.slice(1)) {
    const marks = new Set(other);
    out = out.filter((row) => marks.has(row));
  }
  return out;
}

// For each value of each filter, how many rows it has among `rowsFor(filter)`: the results with
// the other filters applied (a choice in one filter does not narrow that filter's own counts).
export function countValues(members, rowsFor) {
  const counts = {};
  const size = maxRow(members) + 1;
  for (const [filter, values] of members) {
    const marks = new Uint8Array(size);
    for (const row of rowsFor(filter)) marks[row] = 1;
    counts[filter] = {};
    for (const [value, rows] of values) {
      let n = 0;
      for (const row of rows) n += marks[row];
      counts[filter][value] = n;
    }
  }
  return counts;
}

function maxRow(members) {
  let max = 0;
  for (const values of members.values()) for (const rows of values.values()) if (rows.length) max = Math.max(max, rows[rows.length - 1]);
  return max;
}
