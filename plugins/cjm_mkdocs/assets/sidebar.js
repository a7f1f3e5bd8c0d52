/* Opens the navigation sidebar with the current page's section heading in sight. mkdocs-material scrolls the
   sidebar so that the current page's link is in the middle, which leaves the section heading above it (and
   whatever item lies under the site's title) cut off or out of sight. Once material has scrolled, this puts the
   section heading right below the title instead, as long as the current page's link stays in sight. Only the
   sidebar of a wide window: on a narrow one the navigation is a drawer of its own. */
(function () {
  "use strict";

  var WIDE = "(min-width: 76.25em)"; // where mkdocs-material shows the navigation as a sidebar
  var SETTLED_MS = 100; // material's scroll is done when no scroll event came for this long
  var WAIT_MS = 1500; // after this long without material scrolling the sidebar, leave it alone

  function offset(wrap, element) {
    return element.getBoundingClientRect().top - wrap.getBoundingClientRect().top + wrap.scrollTop;
  }

  // How far below its box the sticky title's shadow (material fades the items passing under it) is at least half
  // opaque: its offset and spread.
  function glow(title) {
    var lengths = (getComputedStyle(title).boxShadow.match(/-?[\d.]+px/g) || []).map(parseFloat);
    return lengths.length >= 4 ? Math.max(0, lengths[1] + lengths[3]) : 0;
  }

  function place(wrap) {
    var item = wrap.querySelector(".md-nav--primary > .md-nav__list > .md-nav__item--active");
    if (!item || wrap.scrollTop === 0) {
      return;
    }
    var heading = Array.prototype.find.call(item.children, function (child) {
      return child.classList.contains("md-nav__link") && child.clientHeight;
    }) || item;
    var links = Array.prototype.filter.call(item.querySelectorAll("a.md-nav__link--active"), function (link) {
      return link.clientHeight && !link.closest(".md-nav--secondary");
    });
    var link = links.length ? links[links.length - 1] : heading;
    var title = wrap.querySelector(".md-nav--primary > .md-nav__title");
    var under = title && title.clientHeight ? title.getBoundingClientRect().bottom : wrap.getBoundingClientRect().top;
    var clear = under + (title && title.clientHeight ? glow(title) : 0); // items are whole below this line
    var top = offset(wrap, heading) - (clear - wrap.getBoundingClientRect().top);
    var lowest = offset(wrap, link) + link.offsetHeight - wrap.clientHeight; // the link's bottom at the bottom
    wrap.scrollTop = Math.max(top, lowest);
    snap(wrap, under, clear, link);
  }

  // Where the sidebar cannot scroll as far as asked (at its end), an item may still be cut by the title or faded
  // by its shadow: show it whole, unless that hides the current page's link, else hide it under the title.
  function snap(wrap, under, clear, link) {
    var cut = Array.prototype.find.call(wrap.querySelectorAll(".md-nav--primary .md-nav__link"), function (item) {
      var box = item.getBoundingClientRect();
      return item.clientHeight && box.top < clear - 1 && box.bottom > under + 1;
    });
    if (!cut) {
      return;
    }
    var box = cut.getBoundingClientRect();
    var reveal = clear - box.top;
    var fits = link.getBoundingClientRect().bottom + reveal <= wrap.getBoundingClientRect().bottom;
    wrap.scrollTop += fits ? -reveal : box.bottom - under;
  }

  function setup() {
    var wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    if (!wrap || !window.matchMedia(WIDE).matches) {
      return;
    }
    var timer = 0;
    var stop = function () {
      wrap.removeEventListener("scroll", scrolled);
      clearTimeout(timer);
    };
    var scrolled = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { stop(); place(wrap); }, SETTLED_MS);
    };
    wrap.addEventListener("scroll", scrolled, { passive: true });
    if (wrap.scrollTop > 0) {
      scrolled(); // material was first
    } else {
      timer = setTimeout(stop, WAIT_MS);
    }
    ["wheel", "touchstart", "keydown"].forEach(function (name) {
      wrap.addEventListener(name, stop, { passive: true, once: true }); // the reader scrolls: hands off
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
