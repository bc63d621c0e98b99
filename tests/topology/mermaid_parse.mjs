// Parse Mermaid diagrams with Mermaid's own parser (vendored: vendor/mermaid/README.txt) and
// report what it read. Input on stdin: a JSON list of diagram texts. Output on stdout: a JSON
// list, for each diagram {ok, error} and, when it parsed, its vertices, edges and subgraphs
// with their labels decoded as Mermaid decodes them when it draws.
//
// Mermaid sanitises labels with DOMPurify, which needs a DOM to start. The stand-in below is
// enough for DOMPurify to start and to pass text without "<" through unchanged (its fast
// path); a label that needed real sanitising would reach a stand-in that throws, and the
// diagram would be reported as failed.
import { readFileSync } from "node:fs";

function refuse() {
  throw new Error('a label needed HTML sanitising (it contains "<")');
}
class Node {}
class Element extends Node {}
const document = {
  nodeType: 9,
  implementation: { createHTMLDocument: refuse, createDocument: refuse },
  createNodeIterator: refuse,
  createDocumentFragment: refuse,
  importNode: refuse,
  getElementsByTagName: () => [],
  createElement: () => ({}),
};
globalThis.window = {
  document,
  Node,
  Element,
  DocumentFragment: class {},
  NodeFilter: {},
  NamedNodeMap: class {},
  HTMLFormElement: class {},
  DOMParser: class {
    parseFromString() {
      refuse();
    }
  },
  addEventListener: () => {},
};
globalThis.document = document;

const { default: mermaid } = await import("./vendor/mermaid/mermaid.esm.min.mjs");

const NAMED = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", nbsp: "\u00a0" };
// Mermaid keeps entity codes as placeholders while parsing (encodeEntities) and turns them
// into characters when it draws (decodeEntities): the same here.
function decode(text) {
  return String(text ?? "")
    .replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/\ufb02\u00b0(\w+)\u00b6\u00df/g, (m, name) => NAMED[name] ?? m);
}

const diagrams = JSON.parse(readFileSync(0, "utf8"));
const out = [];
for (const text of diagrams) {
  try {
    await mermaid.parse(text);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    out.push({
      ok: true,
      vertices: [...db.getVertices().values()].map((v) => ({
        id: v.id,
        text: decode(v.text),
        type: v.type,
        classes: v.classes,
      })),
      edges: db.getEdges().map((e) => ({
        start: e.start,
        end: e.end,
        type: e.type,
        stroke: e.stroke,
        text: decode(e.text),
        style: e.style ?? [],
      })),
      subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: s.nodes })),
    });
  } catch (error) {
    out.push({ ok: false, error: String(error && error.message ? error.message : error) });
  }
}
process.stdout.write(JSON.stringify(out));
