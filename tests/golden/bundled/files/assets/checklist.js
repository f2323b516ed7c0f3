// The interactive planning checklist: ticks are remembered in this browser (localStorage),
// with a progress count per section and overall, and a reset. Without JavaScript the page
// still shows the whole list (the checkboxes are then read-only).
(function () {
  "use strict";
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
      if (s.counter) s.counter.textContent = count(s.boxes) + " of " + s.boxes.length + " done";
    });
    if (overall) overall.textContent = count(boxes) + " of " + boxes.length + " done";
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
