/* Search and the filtered list of documents, with Pagefind.
 *
 * Pagefind fetches only the parts of the index a query needs. The edition's pages are indexed in
 * English (pagefind/); the Russian forms of names and titles in a second, Russian-stemmed index
 * (pagefind-ru/), which a query in Cyrillic also asks. Everything shown is set as text: the only
 * markup taken from an index is Pagefind's <mark> around the words found.
 */

const CYRILLIC = /[\u0400-\u04ff]/;
const SHOWN = 100;

function siteRoot(form) {
  return new URL(form.dataset.root || "/", window.location.href).pathname;
}

async function bundle(root, name) {
  const pagefind = await import(`${root}${name}/pagefind.js`);
  await pagefind.options({ baseUrl: root });
  await pagefind.init();
  return pagefind;
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

async function fillFilters(form, pagefind, params) {
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
  const sort = form.querySelector("[data-edition-sort]");
  if (sort && params.get("sort")) sort.value = params.get("sort");
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

async function run(form, english, russian, term) {
  const status = form.querySelector("[data-edition-status]");
  const list = form.querySelector("[data-edition-results]");
  const filters = chosenFilters(form);
  const sort = chosenSort(form);
  const options = { filters, sort };
  const searches = [english.search(term, options)];
  if (term && CYRILLIC.test(term)) searches.unshift((await russian()).search(term, options));
  const found = await Promise.all(searches);
  const results = found.flatMap((search) => search.results);
  const seen = new Set();
  const shown = [];
  let read = 0;
  for (const result of results) {
    if (shown.length >= SHOWN) break;
    read += 1;
    const data = await result.data();
    if (!data.url || seen.has(data.url) || !data.meta.title) continue;
    seen.add(data.url);
    shown.push(data);
  }
  list.replaceChildren(...shown.map(resultItem));
  list.hidden = false;
  const more = results.length > read;
  status.textContent = shown.length === 0 ? "Nothing found." :
    more ? `More than ${shown.length} found; the first ${shown.length} are shown.` :
    `${shown.length} found.`;
  return shown.length;
}

async function start(form) {
  const root = siteRoot(form);
  const params = new URLSearchParams(window.location.search);
  const english = await bundle(root, "pagefind");
  let russianBundle = null;
  const russian = async () => (russianBundle ||= await bundle(root, "pagefind-ru"));
  await fillFilters(form, english, params);
  const listing = form.hasAttribute("data-edition-list");
  const query = form.querySelector("input[name=q]");
  const fieldset = form.querySelector(".edition-search__filters");
  if (fieldset) fieldset.hidden = false;
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
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", update);
  await update();
}

for (const form of document.querySelectorAll("[data-edition-search]")) {
  start(form).catch((error) => {
    const status = form.querySelector("[data-edition-status]");
    if (status) status.textContent = "Search could not start: " + error.message;
  });
}
