/* Settings for every Mermaid initialisation (mkdocs-material's or mkdocs-mermaid2's):
   securityLevel "strict" always; journey diagrams at their natural size (the page scrolls them sideways). */
(function () {
  "use strict";
  if (typeof window.mermaid === "undefined" || typeof window.mermaid.initialize !== "function") {
    return;
  }
  var initialize = window.mermaid.initialize;
  window.mermaid.initialize = function (config) {
    var settings = Object.assign({}, config);
    settings.journey = Object.assign({ useMaxWidth: false }, settings.journey);
    settings.securityLevel = "strict";
    return initialize.call(window.mermaid, settings);
  };
})();
