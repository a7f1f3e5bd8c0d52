/* Filters the catalog, the pain-point register and the measures backlog by their selects; without JavaScript all
   rows show. The chosen filters live in the page's URL (?departments=it&open=yes), so a filtered view can be
   bookmarked, sent and reloaded; a value the page does not offer is ignored. */
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

  function offers(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function readUrl(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select").forEach(function (select) {
      var value = params.get(select.name);
      select.value = value !== null && offers(select, value) ? value : "";
    });
  }

  function writeUrl(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select").forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      } else {
        params.delete(select.name);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function setup() {
    document.querySelectorAll("form[data-cjm-filter]").forEach(function (form) {
      var table = document.getElementById(form.dataset.cjmFilter);
      if (!table) {
        return;
      }
      form.hidden = false;
      readUrl(form);
      form.addEventListener("change", function () {
        apply(form, table);
        writeUrl(form);
      });
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
