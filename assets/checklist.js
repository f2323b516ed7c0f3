// The interactive planning checklist: ticks are remembered in this browser (localStorage),
// with a progress count per section and overall, and a reset. Without JavaScript the page
// still shows the whole list (the checkboxes are then read-only).
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
  var root = document.querySelector("[data-checklist]");
  if (!root) return;
  var key = "sisterlib:checklist:" + root.getAttribute("data-checklist");
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input.task-list-item-checkbox"));
  var toolbar = document.querySelector("[data-checklist-toolbar]");
  var overall = document.querySelector("[data-checklist-progress]");
  var resetButton = document.querySelector("[data-checklist-reset]");
  var printButton = document.querySelector("[data-checklist-print]");

  function itemText(box) {
    return (box.closest("li") || box.parentNode).textContent.trim().replace(/\s+/g, " ");
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function save() {
    var state = {};
    boxes.forEach(function (box) {
      if (box.checked) state[itemText(box)] = true;
    });
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (e) {
      /* storage full or disabled: the ticks just won't survive a reload */
    }
  }

  // Group the boxes by the heading that precedes their list.
  var sections = [];
  var current = null;
  Array.prototype.forEach.call(root.children, function (el) {
    if (/^H[2-3]$/.test(el.tagName)) {
      current = { heading: el, boxes: [] };
      sections.push(current);
    } else if (el.matches && el.matches("ul.contains-task-list, ol.contains-task-list")) {
      if (!current) {
        current = { heading: null, boxes: [] };
        sections.push(current);
      }
      current.boxes = current.boxes.concat(Array.prototype.slice.call(el.querySelectorAll("input.task-list-item-checkbox")));
    }
  });
  sections = sections.filter(function (s) { return s.boxes.length; });
  sections.forEach(function (s) {
    if (!s.heading) return;
    s.counter = document.createElement("span");
    s.counter.className = "section-progress";
    s.heading.appendChild(s.counter);
  });

  function count(list) {
    return list.filter(function (b) { return b.checked; }).length;
  }

  function update() {
    sections.forEach(function (s) {
      if (s.counter) s.counter.textContent = t("%(done)s of %(total)s done", { done: count(s.boxes), total: s.boxes.length });
    });
    if (overall) overall.textContent = t("%(done)s of %(total)s done", { done: count(boxes), total: boxes.length });
  }

  var saved = load();
  boxes.forEach(function (box) {
    box.disabled = false;
    box.removeAttribute("disabled");
    if (Object.prototype.hasOwnProperty.call(saved, itemText(box))) box.checked = true;
    box.addEventListener("change", function () {
      save();
      update();
    });
  });
  if (resetButton) {
    resetButton.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
      update();
      if (boxes[0]) boxes[0].focus();
    });
  }
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  if (toolbar) toolbar.hidden = false;
  update();
})();
