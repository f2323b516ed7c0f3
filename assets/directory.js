// The library directory: sort by a column header, filter by country and type.
// Without JavaScript it is a plain table of every library.
(function () {
  "use strict";
  // Interface text in the page's language (issue 19). The contract with the generated
  // /assets/messages/<lang>.js (sisterlib/i18n/browser.py), loaded before this script:
  // - window.SISTERLIB_MESSAGES: English message -> its translation. For a plural message
  //   (tn below) the entry is keyed by the singular and holds an array of the language's plural
  //   forms, in the catalog's order (msgstr[0], msgstr[1], ...).
  // - window.SISTERLIB_PLURAL: the language's rule, a function n -> index of the form; when it
  //   is absent, n === 1 ? 0 : 1.
  // A message that is missing or empty (or a form out of range) shows the English source, so a
  // page without that file works as before. Placeholders are named, %(name)s; tn fills %(num)s
  // with n unless given. Translations are untrusted text: they enter the page with textContent only.
  var MESSAGES = window.SISTERLIB_MESSAGES || {};
  function ownMessage(key) {
    return Object.prototype.hasOwnProperty.call(MESSAGES, key) ? MESSAGES[key] : undefined;
  }
  function fillIn(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function t(text, values) {
    var s = ownMessage(text);
    return fillIn(typeof s === "string" && s ? s : text, values || {});
  }
  function tn(one, many, n, values) {
    var forms = ownMessage(one);
    var index = typeof window.SISTERLIB_PLURAL === "function" ? window.SISTERLIB_PLURAL(n) : n === 1 ? 0 : 1;
    var form = Array.isArray(forms) ? forms[index] : undefined;
    return fillIn(typeof form === "string" && form ? form : n === 1 ? one : many, Object.assign({ num: n }, values));
  }
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
    countOut.textContent = tn("%(num)s library shown", "%(num)s libraries shown", shown);
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
