/* giamsat: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  /* Search as you type: submit the filter form shortly after the user stops typing. */
  var search = document.querySelector("input[data-live-search]");
  if (search && search.form) {
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search.form.submit(); }, 400);
    });
    var end = search.value.length;
    if (document.activeElement !== search && search.value) {
      search.focus();
      search.setSelectionRange(end, end);
    }
  }
  /* Sortable tables (table[data-sortable]): a click on a column heading sorts the rows by
     the cells' data-sort values without a reload, first in the heading's data-sort-dir,
     then the other way; empty values stay last. Without this file the heading links
     (?sort=KEY) sort on the server. */
  function sortKey(cell) {
    var v = cell ? cell.getAttribute("data-sort") : null;
    if (v === null) v = cell ? cell.textContent : "";
    if (v === "") return null;
    var n = Number(v);
    return isNaN(n) ? v : n;
  }
  function compareKeys(x, y) {
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x).localeCompare(String(y), "vi");
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var link = th.querySelector("a");
      if (!link || !table.tBodies.length) return;
      link.addEventListener("click", function (ev) {
        ev.preventDefault();
        var current = th.getAttribute("aria-sort");
        var dir = current ? (current === "ascending" ? "descending" : "ascending")
                          : (th.getAttribute("data-sort-dir") || "ascending");
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[col]), y = sortKey(b.cells[col]);
          if (x === null || y === null) return (x === null) - (y === null);
          var r = compareKeys(x, y);
          return dir === "ascending" ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  /* Tables stack on a phone (style.css, "Phone layout"): every table with a heading row
     gets data-stack, and each body cell the text of its column heading as data-label
     (colspans counted; the last heading row names the columns). Done here rather than in
     every page's HTML; without this file a wide table scrolls inside its own box. */
  document.querySelectorAll("table").forEach(function (table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    var labels = [];
    Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (th) {
      var text = th.textContent.replace(/\s+/g, " ").trim();
      for (var i = 0; i < (th.colSpan || 1); i++) labels.push(text);
    });
    table.setAttribute("data-stack", "");
    var bodies = Array.prototype.slice.call(table.tBodies);
    if (table.tFoot) bodies.push(table.tFoot);
    bodies.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.tagName === "TD" && labels[col] && !cell.hasAttribute("data-label"))
            cell.setAttribute("data-label", labels[col]);
          col += cell.colSpan || 1;
        });
      });
    });
  });
  /* A box that scrolls sideways (a chart drawn at its own size, a wide table) can be
     reached and scrolled with the keyboard: it takes focus while it overflows. */
  var boxes = document.querySelectorAll("figure, .table-wrap, main table:not([data-stack])");
  var focusable = function () {
    boxes.forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
      }
    });
  };
  focusable();
  window.addEventListener("resize", focusable);
  /* Filters fold behind "Lọc" on a phone (details.filters, open in the page): closed
     there so that the list comes first, open again when the window grows. */
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;
  if (narrow) {
    var folds = document.querySelectorAll("details.filters");
    var fold = function () {
      folds.forEach(function (d) { d.open = !narrow.matches; });
    };
    fold();
    if (narrow.addEventListener) narrow.addEventListener("change", fold);
  }
  /* A rejected form or a step to confirm: the error summary (or the confirmation panel) at
     the top of <main> takes the focus, so screen readers announce it and the page shows it. */
  var first = document.querySelector(".error-summary, .confirm-panel");
  if (first && document.activeElement !== first) {
    if (!first.hasAttribute("tabindex")) first.setAttribute("tabindex", "-1");
    first.focus();
  }
  /* Confirmation for buttons that say so (data-confirm="..."). */
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
  /* The admin page was one long page; its old section links (/admin#nguoi-dung) open the
     sub-page the section moved to. Without this file /admin lists the same links. */
  if (location.pathname === "/admin" && location.hash) {
    var moved = document.getElementById(location.hash.slice(1));
    var link = moved ? moved.querySelector("a[href^='/admin/']") : null;
    if (link) location.replace(link.getAttribute("href"));
  }
})();
