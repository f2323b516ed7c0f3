// The library directory: sort by a column header, filter by country and type.
// Without JavaScript it is a plain table of every library.
(function () {
  "use strict";
  var root = document.querySelector("[data-directory]");
  if (!root) return;
  var form = root.querySelector("[data-directory-filters]");
  var tbody = root.querySelector("tbody");
  var rows = Array.prototype.slice.call(tbody.rows);
  var countOut = root.querySelector("[data-directory-count]");
  var headers = Array.prototype.slice.call(root.querySelectorAll("th[data-sort]"));
  var sortKey = "name";
  var ascending = true;

  function value(row, key) {
    if (key === "country") return row.getAttribute("data-country-name") || "";
    return row.getAttribute("data-" + key) || "";
  }

  function sort() {
    var sorted = rows.slice().sort(function (a, b) {
      var order = value(a, sortKey).localeCompare(value(b, sortKey)) || value(a, "name").localeCompare(value(b, "name"));
      return ascending ? order : -order;
    });
    sorted.forEach(function (row) { tbody.appendChild(row); });
    headers.forEach(function (th) {
      if (th.getAttribute("data-sort") === sortKey) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  // Typed text, lowercased and without accents; rows carry their names in both scripts
  // (data-keys, made by the build), so Силистра finds Silistra and the other way round.
  function folded(text) {
    // accents off Latin letters only: й stays й (its breve is part of the Cyrillic letter)
    return text.normalize("NFD").replace(/([A-Za-z])[\u0300-\u036f]+/g, "$1").normalize("NFC").toLowerCase().trim();
  }

  function filter() {
    var country = form.elements.country.value;
    var type = form.elements.type.value;
    var name = form.elements.name ? folded(form.elements.name.value) : "";
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!country || row.getAttribute("data-country") === country) && (!type || row.getAttribute("data-type") === type)
        && (!name || (row.getAttribute("data-keys") || "").indexOf(name) >= 0);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    countOut.textContent = shown === 1 ? "1 library shown" : shown + " libraries shown";
  }

  // Column headers become buttons, so sorting works with the keyboard too.
  headers.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      ascending = key === sortKey ? !ascending : true;
      sortKey = key;
      sort();
    });
  });
  form.addEventListener("change", filter);
  form.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  filter();
})();
