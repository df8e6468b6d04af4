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
  /* Confirmation for buttons that say so (data-confirm="..."). */
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
})();
