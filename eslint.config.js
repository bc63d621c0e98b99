// ESLint for the browser scripts and the conformance runner (`make lint`).
// The scripts are plain ES5-style IIFEs loaded by <script> tags, and also required by node.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  // Third-party and generated scripts (make generate writes the answers validator) are not linted.
  { ignores: ["**/vendor/**", "**/playbook-answers-validator.js", "_build/**", ".venv/**", "node_modules/**"] },
  js.configs.recommended,
  {
    rules: {
      // Catch clauses name the error they ignore; the scripts keep to ES2018 syntax.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // The engine matches Python's definitions of blank and control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["src/checker/sphinx/static/*.js"],
    languageOptions: {
      ecmaVersion: 2018,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly", jsyaml: "readonly" },
    },
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    files: ["tests/**/*.js", "tools/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
];
