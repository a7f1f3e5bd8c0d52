/* Shows that a wide table goes on beyond its box: while columns are hidden on a side, that edge of the box gets a
   shade and an arrow that scrolls the table. Works for the plugin's tables and matrices and for Markdown tables
   (mkdocs-material's scroll wrapper). The box itself still scrolls with the scrollbar, a swipe or (focused) the
   arrow keys; without JavaScript nothing changes. The arrows are for the pointer only, hidden from assistive
   technology, which reads the whole table anyway. */
(function () {
  "use strict";

  var BOXES = ".md-typeset .cjm-table-wrap, .md-typeset .cjm-matrix-wrap, .md-typeset .md-typeset__scrollwrap";
  var SIDES = ["start", "end"];
  var STEP = 0.8; // an arrow scrolls by this share of the visible width

  function rtl(box) {
    return getComputedStyle(box).direction === "rtl";
  }

  // The width of a row header that sticks to the box's start edge (the matrix's first column), or 0.
  function stickyStart(box) {
    var table = box.querySelector("table");
    var cell = table && table.rows.length ? table.rows[table.rows.length - 1].cells[0] : null;
    return cell && getComputedStyle(cell).position === "sticky" ? cell.getBoundingClientRect().width : 0;
  }

  function update(frame, box) {
    var hidden = box.scrollWidth - box.clientWidth;
    var scrolled = Math.abs(box.scrollLeft); // negative in right-to-left boxes
    frame.classList.toggle("cjm-more-start", hidden > 1 && scrolled > 1);
    frame.classList.toggle("cjm-more-end", hidden > 1 && scrolled < hidden - 1);
    var style = getComputedStyle(box);
    var bar = box.offsetHeight - box.clientHeight - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    frame.style.setProperty("--cjm-scroll-inset", stickyStart(box) + "px");
    frame.style.setProperty("--cjm-scroll-bar", Math.max(0, bar) + "px"); // the edges leave the scrollbar free
    if (hidden > 1 && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0; // the arrow keys reach every column (the plugin's matrices have this already)
    }
  }

  function edge(frame, box, side) {
    var shade = document.createElement("span");
    shade.className = "cjm-scroll-edge cjm-scroll-edge--" + side;
    shade.setAttribute("aria-hidden", "true");
    var arrow = document.createElement("span");
    arrow.className = "cjm-scroll-arrow";
    shade.appendChild(arrow);
    arrow.addEventListener("click", function () {
      var forward = (side === "end") !== rtl(box);
      box.scrollBy({ left: (forward ? 1 : -1) * STEP * box.clientWidth, behavior: "smooth" });
    });
    frame.appendChild(shade);
  }

  // Wrap the scroll box in a frame that holds the edges (they must not scroll with the table); the frame takes
  // over the box's margins, so the edges sit on the box's own edges.
  function enhance(box) {
    if (box.parentElement.classList.contains("cjm-scroll")) {
      return;
    }
    var frame = document.createElement("div");
    frame.className = "cjm-scroll";
    var style = getComputedStyle(box);
    frame.style.margin = style.marginTop + " " + style.marginRight + " " + style.marginBottom + " " + style.marginLeft;
    box.style.margin = "0";
    box.parentNode.insertBefore(frame, box);
    frame.appendChild(box);
    SIDES.forEach(function (side) { edge(frame, box, side); });
    var refresh = function () { update(frame, box); };
    box.addEventListener("scroll", refresh, { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(refresh);
      observer.observe(box);
      if (box.firstElementChild) {
        observer.observe(box.firstElementChild); // the table: rows filtered out, fonts loaded
      }
    }
    refresh();
  }

  function setup() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (box.querySelector("table")) {
        enhance(box);
      }
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
