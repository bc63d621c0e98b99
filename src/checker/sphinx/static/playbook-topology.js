/* ML Team Playbook: zoom and pan for topology drawings.
 *
 * Each drawing is complete without this script: a scrolling figure holds the SVG at its own
 * size, so every name is legible and a large organisation is reached by scrolling (the
 * table after it says the same). The script adds buttons to zoom out, zoom in, see the whole
 * picture and show it full screen, and lets a mouse drag the picture. It starts at the whole
 * picture when that keeps text legible (at least 85% of its own size), else at its own size.
 * The figure is focusable, so the arrow keys scroll it. Only sizes and scroll positions are
 * written; nothing from the page is read as markup. */
(function () {
  "use strict";

  var LEGIBLE = 0.85;
  var STEPS = [0.1, 0.15, 0.25, 0.35, 0.5, 0.7, 0.85, 1, 1.25, 1.5, 2, 3];

  function setUp(figure) {
    var svg = figure.querySelector("svg.playbook-topology");
    if (!svg || figure.getAttribute("data-zoom")) return;
    var width = parseFloat(svg.getAttribute("width"));
    var height = parseFloat(svg.getAttribute("height"));
    if (!(width > 0 && height > 0)) return;
    var zoom = 1;

    function fit() {
      var room = figure.clientWidth || width;
      var tall = document.fullscreenElement === figure ? figure.clientHeight : Infinity;
      return Math.min(1, room / width, tall / height);
    }

    function show(next, keep) {
      var centre = keep && {
        x: (figure.scrollLeft + figure.clientWidth / 2) / zoom,
        y: (figure.scrollTop + figure.clientHeight / 2) / zoom,
      };
      zoom = Math.max(0.05, Math.min(3, next));
      svg.style.width = width * zoom + "px";
      svg.style.height = height * zoom + "px";
      figure.setAttribute("data-zoom", zoom.toFixed(3));
      status.textContent = Math.round(zoom * 100) + "%";
      if (centre) {
        figure.scrollLeft = centre.x * zoom - figure.clientWidth / 2;
        figure.scrollTop = centre.y * zoom - figure.clientHeight / 2;
      }
    }

    function step(direction) {
      var i;
      if (direction > 0) {
        for (i = 0; i < STEPS.length && STEPS[i] <= zoom + 1e-6; i++);
        show(STEPS[Math.min(i, STEPS.length - 1)], true);
      } else {
        for (i = STEPS.length - 1; i >= 0 && STEPS[i] >= zoom - 1e-6; i--);
        show(STEPS[Math.max(i, 0)], true);
      }
    }

    var bar = document.createElement("div");
    bar.className = "playbook-topology-zoom";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Zoom the drawing");
    function button(label, title, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", action);
      bar.appendChild(b);
      return b;
    }
    button("−", "Zoom out", function () { step(-1); });
    button("+", "Zoom in", function () { step(1); });
    button("Whole picture", "Show the whole picture", function () { show(fit(), false); });
    button("Own size", "Show at its own size", function () { show(1, true); });
    if (figure.requestFullscreen) {
      button("Full screen", "Show full screen", function () {
        if (document.fullscreenElement === figure) document.exitFullscreen();
        else figure.requestFullscreen().then(function () { show(fit(), false); });
      });
    }
    var status = document.createElement("span");
    status.className = "playbook-topology-zoom-level";
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    figure.parentNode.insertBefore(bar, figure);

    figure.tabIndex = 0;
    figure.setAttribute("aria-label", "Topology drawing: scroll or drag to move around");
    var drag = null;
    figure.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.pointerType === "touch" || event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, left: figure.scrollLeft, top: figure.scrollTop };
      figure.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) return;
      figure.scrollLeft = drag.left - (event.clientX - drag.x);
      figure.scrollTop = drag.top - (event.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      figure.classList.remove("dragging");
    });
    document.addEventListener("fullscreenchange", function () {
      if (document.fullscreenElement !== figure) show(Math.min(zoom, fit()), false);
    });
    var start = fit();
    show(start >= LEGIBLE ? start : 1, false);
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.playbook-topology"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
