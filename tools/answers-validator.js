// Compiles the answers JSON Schema to one self-contained validator script for the browser form
// (`make generate` runs it through `python -m checker.sphinx.engine_data`; never at build or
// test time). Input on stdin: {"schema": ..., "formats": {name: ECMAScript regex source}}, the
// schema with its patterns already read as the CLI reads them. Output on stdout: Ajv's
// standalone code with the Ajv runtime it requires inlined by esbuild, as a script that defines
// `PlaybookAnswersValidator` ({validate, schema}) in a browser and exports it in node.
"use strict";
const path = require("path");
const Ajv2020 = require("ajv/dist/2020").default;
const standaloneCode = require("ajv/dist/standalone").default;
const esbuild = require("esbuild");

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

async function main() {
  const input = JSON.parse(await readStdin());
  const formats = {};
  for (const [name, source] of Object.entries(input.formats)) formats[name] = new RegExp(source, "u");
  const ajv = new Ajv2020({
    allErrors: true, // every error, as jsonschema's iter_errors gives them
    strict: true,
    strictRequired: false, // "if": {"not": {"required": [...]}} names a property defined elsewhere
    allowUnionTypes: true,
    strictNumbers: false, // NaN and infinities are numbers, as for jsonschema
    messages: false, // the engine words the errors (as checker.validate.schema does)
    formats,
    code: { source: true, esm: false },
  });
  const validate = ajv.compile(input.schema);
  const entry = [
    standaloneCode(ajv, validate).replace(/^"use strict";/, ""),
    "module.exports = { validate: validate20, schema: " + JSON.stringify(input.schema) + " };",
  ].join("\n");
  if (!/\bvalidate20\b/.test(entry)) throw new Error("Ajv's standalone code no longer names validate20");
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: path.join(__dirname, ".."), sourcefile: "answers-validator.js" },
    bundle: true,
    write: false,
    format: "iife",
    globalName: "PlaybookAnswersValidator",
    target: "es2018",
    platform: "neutral",
    legalComments: "none",
    minify: true,
    footer: { js: 'if (typeof module === "object" && module.exports) module.exports = PlaybookAnswersValidator;' },
  });
  if (out.errors.length) throw new Error(JSON.stringify(out.errors));
  const code = out.outputFiles[0].text;
  // Self-contained: it runs where there is no `require` (a browser's <script>).
  const loaded = new Function(code + "\nreturn PlaybookAnswersValidator;")();
  if (loaded.validate({}) !== false || !loaded.validate.errors.length) throw new Error("the bundle does not validate");
  process.stdout.write(code);
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(1);
});
