// Run a built site's search (Sphinx's searchtools.js with its language_data.js) in node.
// Usage: node search_runner.js SITE ORDER QUERY...   ORDER: "furo" (searchtools.js first, as
// Furo loads them) or "basic" (language_data.js first, as Sphinx's basic theme does).
// Prints, for each query, the docnames of the results in the order the page shows them.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, order, ...queries] = process.argv.slice(2);
const context = {
  console,
  localStorage: { setItem() {} },
  document: { getElementById: () => null },
  _ready: () => {},
  _: (text) => text,
  SPHINX_HIGHLIGHT_ENABLED: false,
};
context.window = context;
vm.createContext(context);
const scripts = order === "basic" ? ["language_data.js", "searchtools.js"] : ["searchtools.js", "language_data.js"];
for (const name of scripts) {
  vm.runInContext(fs.readFileSync(path.join(site, "_static", name), "utf8"), context, { filename: name });
}
vm.runInContext(fs.readFileSync(path.join(site, "searchindex.js"), "utf8"), context);
const found = queries.map((query) =>
  vm.runInContext(
    // _displayNextItem pops results from the end: the last result is shown first.
    `Search._performSearch(...Search._parseQuery(${JSON.stringify(query)})).reverse().map((r) => r[0])`,
    context,
  ),
);
process.stdout.write(JSON.stringify(found));
