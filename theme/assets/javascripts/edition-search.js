/* Search and the filtered list of documents, with Pagefind.
 *
 * Pagefind fetches only the parts of the index a query needs. The edition's pages are indexed in
 * English (pagefind/); the Russian forms of names and titles in a second, Russian-stemmed index
 * (pagefind-ru/), which a query in Cyrillic also asks. A large edition's English index is in several
 * bundles, each of a span of dates (pagefind/edition-bundles.json lists them in date order), merged
 * into one search. Everything shown is set as text: the only markup taken from an index is
 * Pagefind's <mark> around the words found.
 */

const CYRILLIC = /[\u0400-\u04ff]/;
const BATCH = 10;
// The filter each English bundle is given in the reader's browser, its place in date order.
const PART = "edition-part";

function siteRoot(form) {
  return new URL(form.dataset.root || "/", window.location.href).pathname;
}

async function bundle(root, name) {
  const pagefind = await import(`${root}${name}/pagefind.js`);
  await pagefind.options({ baseUrl: root });
  await pagefind.init();
  return { pagefind, parts: [], dated: [] };
}

/* The English bundles, merged: Pagefind loads its WebAssembly once for all of them. */
async function englishBundles(root) {
  const response = await fetch(`${root}pagefind/edition-bundles.json`, { cache: "no-cache" });
  const { bundles: folders, dated } = response.ok ? await response.json() : { bundles: ["pagefind/"], dated: 1 };
  const pagefind = await import(`${root}pagefind/pagefind.js`);
  const parts = folders.length > 1 ? folders.map((_, place) => String(place + 1)) : [];
  await pagefind.options({ baseUrl: root, ...(parts.length ? { mergeFilter: { [PART]: parts[0] } } : {}) });
  await pagefind.init();
  for (const [place, folder] of folders.entries()) {
    if (place > 0) await pagefind.mergeIndex(`${root}${folder}`, { baseUrl: root, mergeFilter: { [PART]: parts[place] } });
  }
  return { pagefind, parts, dated: parts.slice(0, dated) };
}

/* Pagefind orders merged results by score, and in a search in date order a result's score is its
   place in its own bundle: the bundles of dated pages are asked one at a time, in date order, instead. */
async function search({ pagefind, parts, dated }, term, options) {
  if (!options.sort || parts.length === 0) return (await pagefind.search(term, options)).results;
  const order = options.sort.date === "desc" ? [...dated].reverse() : dated;
  const found = await Promise.all(order.map((part) =>
    pagefind.search(term, { ...options, filters: { ...options.filters, [PART]: part } })));
  return found.flatMap((one) => one.results);
}

function chosenFilters(form) {
  const filters = {};
  for (const select of form.querySelectorAll("[data-edition-filter]")) {
    if (select.value) filters[select.dataset.editionFilter] = select.value;
  }
  return filters;
}

function chosenSort(form) {
  const select = form.querySelector("[data-edition-sort]");
  return select && select.value ? { date: select.value } : undefined;
}

async function fillFilters(form, { pagefind }, params) {
  const available = await pagefind.filters();
  for (const select of form.querySelectorAll("[data-edition-filter]")) {
    const key = select.dataset.editionFilter;
    const values = Object.entries(available[key] || {}).sort(([a], [b]) => a.localeCompare(b));
    for (const [value, count] of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${value} (${count})`;
      select.append(option);
    }
    if (params.get(key)) select.value = params.get(key);
    select.closest("p").hidden = values.length === 0;
  }
}

/* Pagefind's excerpt, as text with only its <mark> elements kept. */
function excerpt(html) {
  const paragraph = document.createElement("p");
  paragraph.className = "edition-search__excerpt";
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(node.textContent));
    }
  }
  return paragraph;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("p");
  heading.className = "edition-search__title";
  heading.append(link);
  item.append(heading);
  const details = [data.meta.date, data.meta.author, data.meta.kind === "document" ? "" : data.meta.kind]
    .filter(Boolean).join(" · ");
  if (details) {
    const line = document.createElement("p");
    line.className = "edition-search__details";
    line.textContent = details;
    item.append(line);
  }
  if (data.excerpt) item.append(excerpt(data.excerpt));
  return item;
}

/* Results are read a batch at a time: each one shown costs a fetch of its fragment, so a common word
   in a large edition costs no more than the first batch until the reader asks for more. */
async function run(form, english, russian, term) {
  const status = form.querySelector("[data-edition-status]");
  const list = form.querySelector("[data-edition-results]");
  const more = form.querySelector("[data-edition-more]");
  const filters = chosenFilters(form);
  const sort = chosenSort(form);
  const options = { filters, sort };
  const searches = [search(english, term, options)];
  if (term && CYRILLIC.test(term)) searches.unshift(search(await russian(), term, options));
  const results = (await Promise.all(searches)).flat();
  const seen = new Set();
  let next = 0;
  list.replaceChildren();
  list.hidden = false;
  const showMore = async () => {
    let added = 0;
    while (added < BATCH && next < results.length) {
      const batch = results.slice(next, next + BATCH - added);
      next += batch.length;
      for (const data of await Promise.all(batch.map((result) => result.data()))) {
        // A page found in both indexes (a name in English and in Cyrillic) is shown once.
        if (!data.url || seen.has(data.url) || !data.meta.title) continue;
        seen.add(data.url);
        list.append(resultItem(data));
        added += 1;
      }
    }
    const remaining = next < results.length;
    if (more) more.hidden = !remaining;
    status.textContent = seen.size === 0 ? "Nothing found." :
      remaining ? `${results.length} found; the first ${seen.size} are shown.` : `${seen.size} found.`;
  };
  form.editionMore = showMore;
  await showMore();
  return seen.size;
}

async function start(form) {
  const root = siteRoot(form);
  const params = new URLSearchParams(window.location.search);
  const english = await englishBundles(root);
  let russianBundle = null;
  const russian = async () => (russianBundle ||= await bundle(root, "pagefind-ru"));
  const listing = form.hasAttribute("data-edition-list");
  // The filters' values cost a fetch of every filter's index: on the search page they are read
  // when the reader opens the panel (or when the address already names a filter), not for every query.
  const panel = form.querySelector("[data-edition-filters-panel]");
  let filled = null;
  const fill = () => (filled ||= fillFilters(form, english, params));
  const named = [...form.querySelectorAll("[data-edition-filter]")].some((s) => params.get(s.dataset.editionFilter));
  if (!panel || named) {
    await fill();
    if (panel) panel.open = true;
  }
  if (panel) {
    panel.addEventListener("toggle", () => { if (panel.open) fill(); });
    panel.hidden = false;
  }
  const sort = form.querySelector("[data-edition-sort]");
  if (sort && params.get("sort")) sort.value = params.get("sort");
  const query = form.querySelector("input[name=q]");
  form.hidden = false;

  const update = async () => {
    const term = query ? query.value.trim() : "";
    const filters = chosenFilters(form);
    const state = new URLSearchParams({ ...(term ? { q: term } : {}), ...filters });
    const sort = form.querySelector("[data-edition-sort]");
    if (sort && sort.value && (!listing || sort.value !== "asc")) state.set("sort", sort.value);
    history.replaceState(null, "", `${window.location.pathname}${state.toString() ? "?" + state : ""}`);
    if (listing) {
      const narrowed = Object.keys(filters).length > 0 || (sort && sort.value === "desc");
      document.querySelector("[data-edition-static]").hidden = narrowed;
      if (!narrowed) {
        form.querySelector("[data-edition-results]").hidden = true;
        form.querySelector("[data-edition-status]").textContent = "";
        return;
      }
      await run(form, english, russian, null);
    } else if (term || Object.keys(filters).length) {
      await run(form, english, russian, term || null);
    }
  };
  if (query && params.get("q")) query.value = params.get("q");
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  const more = form.querySelector("[data-edition-more]");
  if (more) more.addEventListener("click", () => form.editionMore && form.editionMore());
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", update);
  await update();
}

for (const form of document.querySelectorAll("[data-edition-search]")) {
  start(form).catch((error) => {
    const status = form.querySelector("[data-edition-status]");
    if (status) status.textContent = "Search could not start: " + error.message;
  });
}
