/* ML Team Playbook: sorting and filtering for the assessment overview.
 *
 * The overview is complete without this script. It adds a filter box (team or group name)
 * and turns each column header of the team tables into a sort button with aria-sort. Rows are
 * sorted within their group's table; the filter hides rows and empty groups, and a polite
 * status line says how many teams match. Only textContent is read and written. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text);
    return { text: text.toLocaleLowerCase(), number: isNaN(number) ? null : number };
  }

  function compare(a, b, numeric, direction) {
    if (numeric) {
      if (a.number === null && b.number === null) return 0;
      if (a.number === null) return 1; /* unassessed last, whichever the direction */
      if (b.number === null) return -1;
      return direction * (a.number - b.number);
    }
    return direction * a.text.localeCompare(b.text);
  }

  function sortTables(tables, index, direction) {
    tables.forEach(function (table) {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = index > 0;
      rows.sort(function (ra, rb) {
        return compare(cellValue(ra, index), cellValue(rb, index), numeric, direction) ||
          cellValue(ra, 0).text.localeCompare(cellValue(rb, 0).text);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        if (i === index) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
    });
  }

  function addSortButtons(tables) {
    var state = { index: 0, direction: 1 };
    var first = tables[0];
    Array.prototype.forEach.call(first.tHead.rows[0].cells, function (_th, index) {
      tables.forEach(function (table) {
        var th = table.tHead.rows[0].cells[index];
        var button = document.createElement("button");
        button.type = "button";
        button.className = "playbook-sort";
        /* The header's content (maybe a link to the checklist) stays; the button sorts. */
        button.textContent = "\u21C5";
        button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
        button.addEventListener("click", function () {
          state.direction = state.index === index ? -state.direction : (index === 0 ? 1 : -1);
          state.index = index;
          sortTables(tables, index, state.direction);
          button.focus();
        });
        th.appendChild(button);
      });
    });
    tables.forEach(function (table) { table.tHead.rows[0].cells[0].setAttribute("aria-sort", "ascending"); });
  }

  function addFilter(box, tables) {
    var id = "playbook-overview-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter teams by name or group";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "playbook-overview-status";
    status.setAttribute("role", "status");
    var total = tables.reduce(function (n, t) { return n + t.tBodies[0].rows.length; }, 0);
    var timer = null;
    function apply() {
      var query = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      tables.forEach(function (table) {
        var section = tables.length > 1 ? table.closest("section") : null;
        var heading = section && section.querySelector("h2, h3, h4");
        var group = heading ? heading.textContent.toLocaleLowerCase() : "";
        var visible = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var match = !query || group.indexOf(query) >= 0 ||
            row.cells[0].textContent.toLocaleLowerCase().indexOf(query) >= 0;
          row.hidden = !match;
          if (match) visible += 1;
        });
        shown += visible;
        if (section) section.hidden = visible === 0;
      });
      var text = query ? shown + " of " + total + " teams match" : "";
      if (status.textContent !== text) status.textContent = text;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
  }

  function init() {
    var box = document.querySelector(".playbook-overview-controls");
    if (!box) return;
    var tables = Array.prototype.slice.call(document.querySelectorAll("table.playbook-overview"));
    if (!tables.length) return;
    addFilter(box, tables);
    addSortButtons(tables);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
