/* Settings for every Mermaid initialisation (mkdocs-material's or mkdocs-mermaid2's):
   securityLevel "strict" always; journey diagrams and flowcharts at their natural size (a region of the page scrolls
   them, so labels stay legible), journey diagrams laid out compactly (JOURNEY); journey text readable in both
   palettes; in print the diagram fits the paper.
   Runs right after Mermaid is on window.mermaid, before anything initialises it: as a classic script after
   mermaid.min.js, or as a module script after mermaid-load.mjs (module scripts run in order, before
   DOMContentLoaded). It keeps to window.mermaid and its own function scope, so it means the same either way. */
(function () {
  "use strict";
  if (typeof window.mermaid === "undefined" || typeof window.mermaid.initialize !== "function") {
    return;
  }
  // Mermaid prefixes every rule with the diagram's id, so these reach inside the SVG only. The title (the one text
  // without a class) and the legend lie on the page: material's label colour of the palette. Task and section labels
  // lie on Mermaid's pastel boxes: dark in both palettes.
  var THEME_CSS = [
    "text:not([class]), .legend { fill: var(--md-mermaid-label-fg-color, #333); }",
    ".legend { font-size: 12px; }",
    ".task .label, .journey-section .label { color: #333; }",
  ].join("\n");
  // Mermaid's journey draws its legend, then every task 200 px apart, and leaves as much blank on the right as the
  // legend takes on the left. Narrower tasks and margins and a small legend that wraps its names (at 260 px as Mermaid
  // measures them, unstyled and entity-encoded; about 140 px as drawn) let four steps fit the 998 px column at 1280 px
  // whatever the department names (render/mermaid.py STEPS_PER_DIAGRAM). Section boxes line up with their tasks only
  // while taskMargin equals diagramMarginX; the height leaves room for three lines of a task name.
  var JOURNEY = { useMaxWidth: false, leftMargin: 64, maxLabelWidth: 260, width: 120, height: 60, taskMargin: 16,
    diagramMarginX: 16 };
  // The SVG element itself is out of the reach of THEME_CSS: in print it shrinks to the paper instead of running off
  // it, a journey diagram to half the paper's height (a journey has several; cjm.css sets them side by side).
  // mkdocs-mermaid2's SVG is in the page (cjm.css does it there); material's is in a shadow root, which material
  // hands to the `fn` of mermaid.render.
  var PRINT_CSS = "@media print { svg[aria-roledescription] { max-width: 100% !important; max-height: 170mm; " +
    "height: auto !important; } svg[aria-roledescription=journey] { width: auto !important; max-height: 80mm; } }";

  function withPrintStyle(next) {
    return function (root) {
      var style = document.createElement("style");
      style.textContent = PRINT_CSS;
      root.appendChild(style);
      if (typeof next === "function") {
        next(root);
      }
    };
  }

  var initialize = window.mermaid.initialize;
  window.mermaid.initialize = function (config) {
    var settings = Object.assign({}, config);
    settings.journey = Object.assign({}, JOURNEY, settings.journey);
    settings.flowchart = Object.assign({ useMaxWidth: false }, settings.flowchart);
    settings.themeCSS = (settings.themeCSS || "") + "\n" + THEME_CSS;
    settings.securityLevel = "strict";
    return initialize.call(window.mermaid, settings);
  };

  var render = window.mermaid.render;
  window.mermaid.render = function () {
    return render.apply(window.mermaid, arguments).then(function (result) {
      return Object.assign({}, result, { fn: withPrintStyle(result.fn) });
    });
  };
})();
