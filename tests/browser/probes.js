/* Added to every page before the site's own scripts run: opens shadow roots, records what an attack
   would call, and offers the measurements the browser suite asserts on (window.__cjm). */
(() => {
  "use strict";

  // mkdocs-material renders each Mermaid diagram into a closed shadow root: open it so tests can look inside.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attachShadow.call(this, Object.assign({}, init, { mode: "open" }));
  };

  // Whatever an injected script would call is recorded instead of run.
  const calls = [];
  for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (...args) => { calls.push(`${name}(${args.map(String).join(", ")})`); };
  }

  // Whatever the page's Content-Security-Policy refuses is recorded.
  const violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    violations.push(`${event.effectiveDirective} refused ${event.blockedURI || "?"} (${event.sourceFile}:${event.lineNumber})`);
  });

  const roots = () => {
    const found = [document];
    for (const element of document.querySelectorAll("*")) {
      if (element.shadowRoot) found.push(element.shadowRoot);
    }
    return found;
  };

  // --- Mermaid -------------------------------------------------------------------------------------------
  // The height on screen of the smallest label of a diagram, in CSS pixels.
  const smallestText = (svg) => Math.min(...[...svg.querySelectorAll("text, foreignObject span, foreignObject div")]
    .filter((e) => e.textContent.trim() && !e.querySelector("text, span, div"))
    .map((e) => e.getBoundingClientRect().height).filter((h) => h > 0));
  const diagrams = () => [...document.querySelectorAll(".mermaid")].map((host) => {
    const svg = (host.shadowRoot || host).querySelector("svg");
    const text = svg ? svg.textContent : "";
    return {
      rendered: Boolean(svg),
      shadow: Boolean(host.shadowRoot),
      kind: svg ? svg.getAttribute("aria-roledescription") : null,
      error: Boolean(svg && (svg.getAttribute("aria-roledescription") === "error" || /Syntax error|Parse error/i.test(text))),
      text: text,
      width: svg ? svg.getBoundingClientRect().width : 0,
      column: host.parentElement.getBoundingClientRect().width,
      legend: svg ? [...svg.querySelectorAll("text.legend")].map((e) => e.textContent.trim()) : [],
      smallestText: svg ? smallestText(svg) : 0,
    };
  });
  const allRendered = (expected) => {
    const found = diagrams();
    return found.length === expected && found.every((d) => d.rendered);
  };

  // --- colours and contrast (WCAG 2) -----------------------------------------------------------------
  const parse = (value) => {
    const rgb = /^rgba?\(([^)]+)\)$/.exec(value);
    if (rgb) {
      const p = rgb[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    const srgb = /^color\(srgb ([^)]+)\)$/.exec(value);
    if (srgb) {
      const p = srgb[1].split(/[\s/]+/).filter(Boolean).map(parseFloat);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const parentOf = (element) => element.parentElement || (element.getRootNode().host || null);
  // The colour behind an element: its own and its ancestors' backgrounds, composed on a white canvas.
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = parentOf(e)) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const describe = (element) => `${element.tagName.toLowerCase()}${element.className && element.className.baseVal === undefined ? "." + String(element.className).trim().replace(/\s+/g, ".") : ""} "${element.textContent.trim().slice(0, 40)}"`;

  // Every piece of visible text inside `selector`: its contrast against what lies behind it, and the
  // contrast it needs (WCAG AA: 4.5 for text, 3 for symbols hidden from assistive technology).
  const needed = (element) => (element.closest("[aria-hidden=true]") ? 3 : 4.5);
  const textContrast = (selector) => {
    const results = [];
    for (const container of document.querySelectorAll(selector)) {
      for (const element of container.querySelectorAll("*")) {
        const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !element.getClientRects().length || element.closest(".cjm-sr")) continue;
        const behind = background(element);
        const style = getComputedStyle(element);
        const colour = over(parse(element instanceof SVGElement ? style.fill : style.color), behind);
        results.push({ element: describe(element), ratio: ratio(colour, behind), needed: needed(element) });
      }
    }
    return results;
  };

  // Text of the index-th Mermaid diagram (scrolled into view): its ink against the shapes (or page) beneath;
  // diagram labels are short and drawn large, so they need 3 (WCAG AA for large text).
  const SHAPES = new Set(["rect", "path", "circle", "ellipse", "polygon"]);
  const shapeFill = (shape) => {
    const style = getComputedStyle(shape);
    const fill = parse(style.fill);
    if (!fill || style.fill === "none") return null;
    fill[3] *= parseFloat(style.fillOpacity || "1") * parseFloat(style.opacity || "1");
    return fill[3] > 0 ? fill : null;
  };
  const diagramContrast = (index) => {
    const host = document.querySelectorAll(".mermaid")[index];
    const root = host.shadowRoot || document;
    const svg = (host.shadowRoot || host).querySelector("svg");
    const page = background(host);
    const results = [];
    for (const text of svg.querySelectorAll("text, foreignObject div, foreignObject span")) {
      if (!text.textContent.trim() || text.querySelector("text, div, span")) continue;
      const box = text.getBoundingClientRect();
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
      if (!box.width || x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      const style = getComputedStyle(text);
      const ink = parse(text instanceof SVGElement ? style.fill : style.color);
      if (!ink) continue;
      const under = root.elementsFromPoint(x, y).filter((e) => SHAPES.has(e.tagName.toLowerCase()) && svg.contains(e));
      const behind = under.map(shapeFill).filter(Boolean).reverse().reduce((below, layer) => over(layer, below), page);
      results.push({ element: describe(text), ratio: ratio(over(ink, behind), behind), needed: 3 });
    }
    return results;
  };

  // Every drawn line or mark inside `selector` (its stroke, else its fill, with its opacity) against what lies behind
  // it: a chart's lines need 3 (WCAG AA for graphical objects).
  const strokeContrast = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length)
    .map((element) => {
      const style = getComputedStyle(element);
      const stroked = style.stroke && style.stroke !== "none";
      const ink = parse(stroked ? style.stroke : style.fill);
      ink[3] *= parseFloat((stroked ? style.strokeOpacity : style.fillOpacity) || "1") * parseFloat(style.opacity || "1");
      const behind = background(element);
      return { element: describe(element), ratio: ratio(over(ink, behind), behind), needed: 3 };
    });

  // --- what an attack would leave behind ---------------------------------------------------------------
  const UNSAFE_URL = /^(javascript|data|vbscript):/i;
  const audit = () => {
    const found = [];
    for (const root of roots()) {
      for (const element of root.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\x00-\x20]/g, "");
          if (name.startsWith("on")) found.push(`${element.tagName} has ${name}="${attribute.value}"`);
          if (["href", "src", "xlink:href", "action", "formaction"].includes(name) && UNSAFE_URL.test(value)) {
            found.push(`${element.tagName} has ${name}="${attribute.value}"`);
          }
        }
        if (["IFRAME", "OBJECT", "EMBED", "FRAME"].includes(element.tagName)) found.push(`an ${element.tagName} element`);
        if (element.tagName === "SCRIPT" && /alert|pwned/.test(element.textContent)) found.push("a script that calls alert or says pwned");
      }
    }
    if (document.title.includes("pwned")) found.push(`document.title was changed to ${document.title}`);
    return found;
  };

  const UNSEEN = new Set(["title", "desc", "style", "script", "template"]);  // tooltips and code, not page text
  // The text of the page's content as the reader gets it: every text node that is rendered, shadow roots included.
  const visibleText = (selector) => {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const parent = child.parentElement;
          if (parent && (parent.getClientRects().length || parent.closest("svg"))) parts.push(child.textContent);
        } else if (child.nodeType === 1) {
          const style = getComputedStyle(child);
          if (style.display === "none" || style.visibility === "hidden" || UNSEEN.has(child.localName)) continue;
          if (child.shadowRoot) walk(child.shadowRoot);
          walk(child);
        }
      }
    };
    for (const element of document.querySelectorAll(selector)) walk(element);
    return parts.join(" ");
  };

  // --- layout: the page fits the window, and no table column is out of sight without a sign ------------------
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const shown = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return style.display !== "none" && style.visibility === "visible" && parseFloat(style.opacity) === 1
      && box.width > 0 && box.height > 0;
  };
  // The nearest ancestor that clips an element sideways (a scroll box), or null.
  const clipper = (element) => {
    for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return e;
    }
    return null;
  };
  // Whether the frame around a scroll box marks `side` as having more columns with a visible shade and arrow,
  // both inside the window's width.
  const signalled = (box, side) => {
    const frame = box.parentElement;
    if (!frame.classList.contains("cjm-scroll") || !frame.classList.contains(`cjm-more-${side}`)) return false;
    const edge = frame.querySelector(`:scope > .cjm-scroll-edge--${side}`);
    const arrow = edge && edge.querySelector(".cjm-scroll-arrow");
    const width = document.documentElement.clientWidth;
    return Boolean(arrow) && [edge, arrow].every((e) => shown(e) && e.getBoundingClientRect().left >= 0
      && e.getBoundingClientRect().right <= width);
  };
  // Every table column (a cell of the row with the most cells) that is cut off by its box or the window, and
  // neither signalled by a visible scroll affordance on that side nor reachable by scrolling the box.
  const hiddenColumns = () => {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const table of document.querySelectorAll(".md-content table")) {
      if (!table.getClientRects().length || !table.rows.length) continue;
      const row = [...table.rows].reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
      const box = clipper(table);
      const rect = box ? box.getBoundingClientRect() : { left: 0, right: width };
      const [left, right] = [Math.max(0, rect.left), Math.min(width, rect.right)];
      const rtl = getComputedStyle(table).direction === "rtl";
      for (const cell of row.cells) {
        const c = cell.getBoundingClientRect();
        if (c.left >= left - 1 && c.right <= right + 1) continue;
        const past = c.right > right + 1 ? "right" : "left";
        const side = (past === "right") !== rtl ? "end" : "start";
        const scrolls = box && ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
        const room = !scrolls ? 0 : past === "right" ? box.scrollWidth - box.clientWidth - Math.abs(box.scrollLeft)
          : Math.abs(box.scrollLeft);
        const reachable = scrolls && (past === "right" ? c.right - right : left - c.left) <= room + 1;
        if (reachable && signalled(box, side)) continue;
        found.push(`${describe(table)}: column "${cell.textContent.trim().slice(0, 30)}" is cut off at the ${past}`
          + (reachable ? " with no visible scroll affordance" : " and cannot be scrolled to"));
      }
    }
    return found;
  };
  // What sticks out of the window, when the page is wider: the innermost elements past its right edge that no
  // scroll box holds (an absolutely positioned one may escape its scroll box, so it is always named).
  const sticksOut = () => {
    const width = document.documentElement.clientWidth;
    const beyond = (e) => e.getBoundingClientRect().right > width + 1;
    return [...document.body.querySelectorAll("*")]
      .filter((e) => beyond(e) && ![...e.children].some(beyond)
        && (getComputedStyle(e).position === "absolute" || !clipper(e)))
      .slice(0, 5).map((e) => `${describe(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)} px)`);
  };
  const layout = async () => {
    await frames(); // let the page's resize observers run
    const [width, pageWidth] = [document.documentElement.clientWidth, document.documentElement.scrollWidth];
    return { width, pageWidth, sticksOut: pageWidth > width ? sticksOut() : [], hiddenColumns: hiddenColumns() };
  };

  // --- the navigation sidebar of a wide window ------------------------------------------------------------
  // When the sidebar last scrolled (mkdocs-material scrolls it to the current page, the site's script after it).
  let sidebarScrolled = 0;
  document.addEventListener("scroll", (event) => {
    if (event.target instanceof Element && event.target.matches(".md-sidebar__scrollwrap")) sidebarScrolled = performance.now();
  }, true);
  const QUIET_MS = 250;
  // Whether the sidebar has come to rest, and what is wrong with it then: the current page's section heading and
  // link must be whole in sight, below the sticky site title and where its shadow (under which items fade) is half
  // opaque, and no item may be cut by the title unless the sidebar is scrolled to its end.
  const sidebar = () => {
    const loaded = performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd;
    const settled = loaded > 0 && performance.now() - Math.max(sidebarScrolled, loaded) > QUIET_MS;
    const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    const item = wrap && wrap.querySelector(".md-nav--primary > .md-nav__list > .md-nav__item--active");
    if (!item || !wrap.clientHeight || !matchMedia("(min-width: 76.25em)").matches) return { settled, problems: [] };
    const title = wrap.querySelector(".md-nav--primary > .md-nav__title");
    const under = title.getBoundingClientRect().bottom;
    const shadow = (getComputedStyle(title).boxShadow.match(/-?[\d.]+px/g) || []).map(parseFloat);
    const clear = under + (shadow.length >= 4 ? shadow[1] + shadow[3] : 0); // the shadow is half opaque down to here
    const bottom = wrap.getBoundingClientRect().bottom;
    const box = (e) => e.getBoundingClientRect();
    const name = (e) => `"${e.textContent.trim().slice(0, 40)}" (${Math.round(box(e).top)}–${Math.round(box(e).bottom)} px)`;
    const whole = (e) => box(e).top >= clear - 1 && box(e).bottom <= bottom + 1;
    const heading = [...item.children].find((e) => e.classList.contains("md-nav__link") && e.clientHeight) || item;
    const links = [...item.querySelectorAll("a.md-nav__link--active")].filter((l) => l.clientHeight && !l.closest(".md-nav--secondary"));
    const problems = [heading, ...links].filter((e) => !whole(e)).map((e) => `${name(e)} is not whole in sight below ${Math.round(clear)} px`);
    if (wrap.scrollTop < wrap.scrollHeight - wrap.clientHeight - 1) {
      const cut = [...wrap.querySelectorAll(".md-nav--primary .md-nav__link")]
        .filter((e) => e.clientHeight && box(e).top < clear - 1 && box(e).bottom > under + 1);
      problems.push(...cut.map((e) => `${name(e)} is cut by the site title (${Math.round(under)} px, faded to ${Math.round(clear)} px)`));
    }
    return { settled, problems };
  };

  window.__cjm = { calls, violations, diagrams, allRendered, textContrast, diagramContrast, strokeContrast, audit, visibleText, ratio, parse, background,
                   layout, sidebar };
})();
