// The /contribute/ form: writes a content file in the browser, shows it, and offers it to
// GitHub ("new file" page, ready for a pull request) or as a download. Nothing is sent to a
// server by this page. No inline script or style anywhere: the site runs under a strict CSP.
// The rules mirror `python build.py check` (sisterlib/validate.py); the browser test writes
// the generated file into a content folder and runs `check` on it to keep the two in step.
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
  var form = document.querySelector("[data-contribute]");
  var dataBlock = document.getElementById("contribute-data");
  if (!form || !dataBlock) return;
  var data = JSON.parse(dataBlock.textContent);

  function $(id) { return document.getElementById(id); }
  var output = $("contribute-output");
  var pathEl = $("contribute-path");
  var slugInput = $("contribute-slug");
  var body = $("contribute-body");
  var github = $("contribute-github");
  var download = $("contribute-download");
  var longNote = $("contribute-long");
  var summary = $("contribute-errors");
  var summaryList = $("contribute-error-list");
  var taken = {}; // "story/first-visit" -> true when that page exists on the site, false when it does not
  var slugEdited = false;
  var showErrors = false; // after the first try, errors update as the contributor types
  var blobUrl = "";

  // --- file names: a copy of sisterlib/slugs.py suggest_slug, with its table from the page ---
  var SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;

  // Word by word, as sisterlib/content/scripts.py to_latin: the Act's whole-word exception
  // (България -> Bulgaria) and its word-final rule (София -> Sofia), else letter by letter;
  // a word in capitals stays in capitals.
  function transliterate(text) {
    var rules = data.transliteration;
    return text.replace(/\p{L}+/gu, function (word) {
      var low = word.toLowerCase();
      var allCaps = word.length > 1 && word === word.toUpperCase() && word !== low;
      var cased = function (source, latin) {
        if (allCaps) return latin.toUpperCase();
        return source !== source.toLowerCase() ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
      };
      if (rules.whole_words[low] !== undefined) return cased(word.charAt(0), rules.whole_words[low]);
      var letters = Array.from(word);
      var out = "";
      for (var i = 0; i < letters.length; i++) {
        var ch = letters[i];
        var pair = i === letters.length - 2 ? (letters[i] + letters[i + 1]).toLowerCase() : "";
        if (rules.word_final[pair] !== undefined) {
          out += cased(ch, rules.word_final[pair]);
          break;
        }
        var lower = ch.toLowerCase();
        var latin = rules.letters[lower];
        if (latin === undefined && /[\u0400-\u052f]/.test(lower)) latin = rules.letters[lower.normalize("NFD").charAt(0)] || "";
        out += latin === undefined ? ch : cased(ch, latin);
      }
      return out;
    }).normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function suggestSlug(text) {
    var ascii = transliterate(text).toLowerCase().replace(/[^\x00-\x7f]/g, "");
    var slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, "") || slug.slice(0, 60);
    return slug || "untitled";
  }

  // --- values: cleaned so the strict YAML loader reads back exactly the text ---
  // C0/C1 controls, line and paragraph separators, text-direction controls, unpaired surrogates:
  // each is refused or mangled by `check`, and none is something a person means to type.
  var UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;

  function clean(value) {
    return value.replace(/[\r\n\t\u0085\u2028\u2029]+/g, " ").replace(UNWANTED, "$1").normalize("NFC").trim();
  }

  function scalar(value) {
    // Plain when YAML reads it back as the same text; otherwise double-quoted (JSON strings are YAML).
    var risky =
      /^[-?:,\[\]{}#&*!|>'"%@`]/.test(value) ||
      /:(\s|$)|\s#/.test(value) ||
      /^(true|false|null|~)$/i.test(value) ||
      /^[-+]?[0-9]+(\.[0-9]+)?$/.test(value);
    return risky ? JSON.stringify(value) : value;
  }

  function kind() { return form.querySelector('input[name="kind"]:checked').value; }
  function input(key) { return $(kind() + "-" + key); }
  function value(key) { var el = input(key); return el ? clean(el.value) : ""; }
  function selected(id) {
    return Array.prototype.filter.call($(id).options, function (o) { return o.selected; }).map(function (o) { return o.value; });
  }
  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (el) { return el.value; });
  }

  function bodyText() {
    var text = body.value.replace(/\r\n?/g, "\n").replace(UNWANTED, "$1").normalize("NFC");
    text = text.replace(/[ \t]+$/gm, "").replace(/^\n+/, "").replace(/\s+$/, "");
    return text ? text + "\n" : "";
  }

  function fields() {
    var k = kind();
    var v = {};
    if (k === "story") {
      v.title = value("title");
      v.date = value("date");
      v.partnership = $("story-partnership").value;
      var libraries = selected("story-libraries");
      if (libraries.length) v.libraries = "[" + libraries.join(", ") + "]";
      var activities = checked("activities");
      if (activities.length) v.activities = "[" + activities.join(", ") + "]";
      v.summary = value("summary");
    } else {
      ["name", "city", "region", "website"].forEach(function (key) { v[key] = value(key); });
      v.country = $("library-country").value;
      v.type = $("library-type").value;
    }
    v.image = value("image").replace(/^\.\//, "");
    v.image_alt = value("image_alt");
    return v;
  }

  // --- photos: the same rules as sisterlib/content/folder.py photo_name_problem ---
  var PHOTO_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.))*\.(jpe?g|png|webp)$/i;

  // The photos the file names: its `image` and every ![...](name) of the text.
  function photoNames() {
    var names = [];
    var v = fields();
    if (v.image) names.push(v.image);
    var re = /!\[[^\]]*\]\(\s*(?:\.\/)?([^\s)]+)/g, m;
    while ((m = re.exec(body.value))) if (names.indexOf(m[1]) < 0 && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(m[1])) names.push(m[1]);
    return names;
  }

  function markdown() {
    var v = fields();
    var lists = { libraries: true, activities: true };
    var lines = ["---"];
    data.order[kind()].forEach(function (key) {
      if (!v[key]) return;
      lines.push(key + ": " + (lists[key] ? v[key] : scalar(v[key])));
    });
    lines.push("---");
    return lines.join("\n") + "\n" + bodyText();
  }

  function slug() { return slugInput.value.trim(); }
  // kinds.py: an entry with photos is a folder, <slug>/index.md, with the photos beside it.
  function folder() { return "content/" + data.folders[kind()] + "/" + (slug() || "untitled") + "/"; }
  function path() {
    return photoNames().length ? folder() + "index.md" : "content/" + data.folders[kind()] + "/" + (slug() || "untitled") + ".md";
  }

  // --- checks, with the words `check` uses ---
  function validDate(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return t("Write the date as YYYY-MM-DD, for example 2019-05-03. When you know only the month or the year, write YYYY-MM or YYYY.");
    var y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
    var day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
      return t("This date does not exist: check the month (01-12) and the day of the month.");
    }
    if (y < 1000 || y > 2100) return t("Use a year between 1000 and 2100.");
    return "";
  }

  function validWebsite(text) {
    try {
      var url = new URL(text);
      if ((url.protocol === "https:" || url.protocol === "http:") && url.hostname && !/\s/.test(text)) return "";
    } catch (e) { /* not a URL at all */ }
    return t("Write the full address, starting with https://, for example https://www.example.org/");
  }

  // One sentence per kind: the kind's name is not a word to glue into a translation.
  var TAKEN = {
    story: t("There is already a story with this file name. Choose another file name."),
    library: t("There is already a library with this file name. Choose another file name."),
  };

  function problems() {
    var k = kind();
    var v = fields();
    var found = [];
    function need(id, ok, message) { if (!ok) found.push({ id: id, message: message }); }
    if (k === "story") {
      need("story-title", v.title, t("Write the title of the story."));
      need("story-date", v.date, t("Write the date of the story, as YYYY-MM-DD."));
      if (v.date) { var bad = validDate(v.date); need("story-date", !bad, bad); }
      need("story-partnership", v.partnership || v.libraries, t("Choose the partnership, or at least one library."));
      need("contribute-body", bodyText(), t("Write the story."));
    } else {
      need("library-name", v.name, t("Write the name of the library."));
      need("library-city", v.city, t("Write the town or city."));
      need("library-country", v.country, t("Choose the country."));
      need("library-type", v.type, t("Choose the kind of library."));
      if (v.website) { var badUrl = validWebsite(v.website); need("library-website", !badUrl, badUrl); }
    }
    if (v.image) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(v.image)) need(k + "-image", false, t("Upload the photo beside the file and write its file name here, not a web address."));
      else if (/\.svg$/i.test(v.image)) need(k + "-image", false, t("SVG drawings are not published. Export the drawing as PNG and write the PNG's name."));
      else if (!PHOTO_NAME.test(v.image)) need(k + "-image", false, t("Write the photo's file name: letters, digits, hyphens and underscores, ending in .jpg, .jpeg, .png or .webp."));
      need(k + "-image_alt", v.image_alt, t("Describe what the photo shows, for people who cannot see it."));
    } else if (v.image_alt) need(k + "-image", false, t("Write the file name of the photo you describe."));
    var s = slug();
    if (!s) need("contribute-slug", false, t("Write a file name."));
    else if (!SLUG_RE.test(s)) need("contribute-slug", false, t("Use only lowercase letters a-z, digits and hyphens in the file name, for example %(name)s.", { name: suggestSlug(s) }));
    else if (RESERVED.test(s)) need("contribute-slug", false, t("This file name is reserved on Windows. Add a word, for example %(name)s.", { name: s + "-library" }));
    else if (taken[k + "/" + s] === true) need("contribute-slug", false, TAKEN[k]);
    return found;
  }

  function showProblems(found) {
    var byId = {};
    found.forEach(function (p) { if (!byId[p.id]) byId[p.id] = p.message; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".field-error").forEach(function (el) {
      var id = el.id.replace(/-error$/, "");
      var control = $(id);
      var hint = $(id + "-hint");
      el.hidden = !byId[id];
      el.textContent = byId[id] || "";
      if (!control) return;
      if (byId[id]) control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", [hint && hint.id, byId[id] && el.id].filter(Boolean).join(" "));
    });
    summaryList.textContent = "";
    found.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + p.id;
      link.textContent = p.message;
      link.addEventListener("click", function (event) { event.preventDefault(); $(p.id).focus(); });
      item.appendChild(link);
      summaryList.appendChild(item);
    });
    summary.hidden = found.length === 0;
  }

  // Is the file name taken? Ask the site itself: its page exists when the file does.
  function lookUp(k, s) {
    var key = k + "/" + s;
    if (!SLUG_RE.test(s) || key in taken || !window.fetch) return;
    taken[key] = undefined;
    fetch(data.base_path + "/" + data.sections[k] + "/" + s + "/", { method: "HEAD", cache: "no-store" })
      .then(function (response) { taken[key] = response.ok; })
      .catch(function () { delete taken[key]; }) // offline or blocked: no answer, no error
      .then(function () { if (showErrors && key === kind() + "/" + slug()) showProblems(problems()); });
  }

  // --- what the buttons do ---
  function githubUrl(text) {
    var branch = data.branch.split("/").map(encodeURIComponent).join("/");
    return data.repo_url + "/new/" + branch + "?filename=" + path() + "&value=" + encodeURIComponent(text);
  }

  function update() {
    var k = kind();
    form.querySelectorAll("[data-kind]").forEach(function (section) { section.hidden = section.getAttribute("data-kind") !== k; });
    var bodyLabel = form.querySelector('label[for="contribute-body"]');
    bodyLabel.firstChild.textContent = bodyLabel.getAttribute("data-label-" + k) + " ";
    form.querySelector("[data-required-note]").hidden = k !== "story";
    if (!slugEdited) {
      var source = k === "story" ? $("story-title").value : $("library-name").value;
      slugInput.value = source.trim() ? suggestSlug(source) : "";
    }
    lookUp(k, slug());
    var text = markdown();
    output.value = text;
    pathEl.textContent = path();
    var names = photoNames();
    var photos = $("contribute-photos");
    photos.hidden = names.length === 0;
    photos.querySelectorAll("[data-photo-folder]").forEach(function (el) { el.textContent = folder(); });
    photos.querySelectorAll("[data-photo-path]").forEach(function (el) { el.textContent = path(); });
    photos.querySelectorAll("[data-photo-names]").forEach(function (el) { el.textContent = names.join(", "); });
    if (github) {
      github.href = githubUrl(text);
      if (longNote) longNote.hidden = github.href.length < 8000;
    }
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    download.href = blobUrl;
    download.setAttribute("download", names.length ? "index.md" : (slug() || "untitled") + ".md");
    if (showErrors) showProblems(problems());
  }

  function guard(event) {
    update();
    var found = problems();
    showErrors = true;
    showProblems(found);
    if (found.length) {
      event.preventDefault();
      summary.focus();
    }
  }

  slugInput.addEventListener("input", function () { slugEdited = slugInput.value.trim() !== ""; });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (github) github.addEventListener("click", guard);
  download.addEventListener("click", guard);
  update();
})();
