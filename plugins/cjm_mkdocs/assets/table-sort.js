/* Sorts a table marked `data-cjm-sort` by a column whose header has `data-sortable`; without JavaScript the table keeps its order. */
(function () {
  "use strict";

  var NUMBER = /^-?\d+(\.\d+)?$/;

  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) {
      return "";
    }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    if (NUMBER.test(a) && NUMBER.test(b)) {
      return parseFloat(a) - parseFloat(b);
    }
    return a.localeCompare(b, document.documentElement.lang || undefined, { numeric: true });
  }

  function sort(table, header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.tHead.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = compare(key(a, index), key(b, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function sortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      if (!header.hasAttribute("data-sortable") || header.querySelector("button")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cjm-sort";
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      header.appendChild(button);
      button.addEventListener("click", function () { sort(table, header, index); });
    });
  }

  function setup() {
    document.querySelectorAll("table[data-cjm-sort]").forEach(sortable);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
