/* Mermaid's ES module build, served by the site, put where mkdocs-material and mermaid-config.js look for it.
   Module scripts run in document order before DOMContentLoaded: material finds window.mermaid when it starts and
   never fetches a Mermaid of its own. The path is relative to this file: assets/cjm/mermaid/. */
import mermaid from "./mermaid/mermaid.esm.min.mjs";

window.mermaid = mermaid;
