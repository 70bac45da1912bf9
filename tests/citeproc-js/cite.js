// Formats notes and a bibliography with citeproc-js, for tests/test_citations_vs_citeproc_js.py.
//
// Reads one JSON object on standard input:
//   {style: CSL XML, lang: "en-US", items: [CSL-JSON], notes: [[cluster, ...], ...]}
// where each cluster is a list of citation items ({id, locator, label, prefix, suffix, ...}),
// and writes {notes: [[HTML of each cluster, ...], ...], bibliography: [[id, HTML], ...]}.
// Clusters are registered one by one in reading order, as a word processor's plugin registers
// them, so that positions (first, subsequent, ibid) and disambiguation are citeproc-js's own.
"use strict";

const fs = require("fs");
const CSL = require("citeproc");
const locales = require("@citation-js/plugin-csl/lib/locales.json");

const request = JSON.parse(fs.readFileSync(0, "utf-8"));
const items = Object.fromEntries(request.items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => locales[lang] || locales["en-US"],
  retrieveItem: (id) => items[id],
};
const engine = new CSL.Engine(sys, request.style, request.lang || "en-US", true);
engine.setOutputFormat("html");
engine.updateItems(request.items.map((item) => item.id));

const rendered = {};
const before = [];
const order = [];
request.notes.forEach((clusters, index) => {
  clusters.forEach((citationItems) => {
    const id = `c${order.length}`;
    const citation = { citationID: id, citationItems, properties: { noteIndex: index + 1 } };
    const [, updates] = engine.processCitationCluster(citation, before, []);
    for (const [, text, citationId] of updates) rendered[citationId] = text;
    before.push([id, index + 1]);
    order.push([index, id]);
  });
});
const notes = request.notes.map(() => []);
for (const [index, id] of order) notes[index].push(rendered[id]);

const [meta, entries] = engine.makeBibliography();
const bibliography = meta.entry_ids.map((ids, n) => [ids[0], entries[n]]);
process.stdout.write(JSON.stringify({ notes, bibliography }));
