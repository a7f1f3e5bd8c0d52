/* Filters the journey catalog by segment, persona and department; without JavaScript all rows show. */
(function () {
  "use strict";

  function matches(row, wanted) {
    return Object.keys(wanted).every(function (key) {
      return !wanted[key] || (row.dataset[key] || "").split(" ").indexOf(wanted[key]) >= 0;
    });
  }

  function apply(form, table) {
    var wanted = {};
    form.querySelectorAll("select").forEach(function (select) {
      wanted[select.name] = select.value;
    });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = !matches(row, wanted);
    });
  }

  function setup() {
    document.querySelectorAll("form[data-cjm-filter]").forEach(function (form) {
      var table = document.getElementById(form.dataset.cjmFilter);
      if (!table) {
        return;
      }
      form.hidden = false;
      form.addEventListener("change", function () { apply(form, table); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form, table);
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
