/* ML Team Playbook: page-wide fixes every page gets (no dependencies, no network).
   A region that scrolls (a wide code block or table) must be reachable with the keyboard, or
   keyboard users cannot read what is cut off (WCAG 2.1.1; axe: scrollable-region-focusable).
   Each such region that overflows takes a tab stop; it gives it back when it fits again. */
(function () {
  "use strict";
  var SELECTOR = "pre, .table-wrapper, .playbook-scroll, .playbook-table-wrap";
  var MARK = "data-playbook-tabstop";

  function overflows(node) {
    return node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1;
  }

  function update() {
    document.querySelectorAll(SELECTOR).forEach(function (node) {
      var ours = node.hasAttribute(MARK);
      if (node.hasAttribute("tabindex") && !ours) return;  // the page set its own
      if (overflows(node)) {
        if (!ours) {
          node.setAttribute("tabindex", "0");
          node.setAttribute(MARK, "");
        }
      } else if (ours) {
        node.removeAttribute("tabindex");
        node.removeAttribute(MARK);
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; update(); });
  }

  window.PlaybookSite = { update: update };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  window.addEventListener("load", update);
  window.addEventListener("resize", later);
})();
