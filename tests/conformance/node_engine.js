// Runs src/checker/sphinx/static/playbook-engine.js for the Python tests: one JSON request per
// line on stdin, one JSON reply per line on stdout. Requests:
//   {"op": "check", "checklist": {...export...}, "b64": "...", "options": {...}}
//   {"op": "roundtrip", "checklist": {...}, "b64": "...", "options": {...}}  (check, then dump)
//   {"op": "checkText", ...}  (the bytes decoded as UTF-8 and checked as text, as pasted)
"use strict";
const path = require("path");
const readline = require("readline");
const E = require(path.join(__dirname, "..", "..", "src", "checker", "sphinx", "static", "playbook-engine.js"));

function run(req) {
  if (req.op === "limits") return { limits: E.LIMITS };
  const bytes = new Uint8Array(Buffer.from(req.b64, "base64"));
  const out = req.op === "checkText" ?  // text pasted into the form
    E.check(req.checklist, Buffer.from(bytes).toString("utf8"), req.options || {}) :
    E.checkBytes(req.checklist, bytes, req.options || {});
  const reply = { diagnostics: out.diagnostics, result: out.result };
  if (req.op === "roundtrip") reply.dumped = out.data === null ? null : E.dump(out.data);
  return reply;
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let reply;
  try {
    reply = run(JSON.parse(line));
  } catch (e) {
    reply = { crash: String(e && e.stack || e) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
