// Progressive enhancement only: every page works without this file.
// On an edition page, the search box filters the rows as staff type.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var box = form.querySelector('input[type="search"]');
  var count = document.getElementById("count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.items tbody tr"));
  var template = count ? count.textContent : "";
  box.addEventListener("input", function () {
    var needle = box.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var hit = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    if (count) { count.textContent = template.replace(/\d+(?=\D*\d+\D*$)/, String(shown)); }
  });
})();
