// /find-a-partner/: ranks the libraries seeking a partner for a library that is not listed,
// with the build's own scoring definition (/data/partner-scoring.json, read by
// sisterlib/resolve/partners.py too). reasons() below is partners.reasons(), line for line.
// The choices live in the address (?country=BG&language=bg...), so a link keeps them.
// Names go into the page with textContent only.
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
  var form = document.querySelector("[data-matcher]");
  if (!form) return;
  var countOut = document.querySelector("[data-matcher-count]");
  var list = document.querySelector("[data-matcher-results]");
  var SHOWN = 20;
  var scoring = null;
  var data = null;
  // The reasons in the page's language: their sentences, size bands and library types from the
  // form's data-reason-words (made by the build from the catalogs); country and language names
  // and activity titles as the form's own choices show them. So the reasons read like those of
  // the library pages (in English: the scoring file's words).
  var WORDS = JSON.parse(form.getAttribute("data-reason-words") || "{}");
  function choices(select, attribute) {
    var out = {};
    Array.prototype.forEach.call(select.options, function (o) {
      if (o.value) out[o.value] = (attribute && o.getAttribute(attribute)) || o.textContent;
    });
    return out;
  }
  var countryWords = choices(form.elements.country);
  var languageWords = choices(form.elements.language, "data-word");
  var activityWords = {};
  Array.prototype.forEach.call(form.querySelectorAll("input[name=interest]"), function (box) {
    activityWords[box.value] = box.parentNode.textContent.trim();
  });

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function weight(code) {
    if (code === "type_and_size") return scoring.reasons.type.weight + scoring.reasons.size.weight;
    return scoring.reasons[code].weight;
  }

  function say(found, code, values) {
    var own = WORDS.sentences && WORDS.sentences[code];
    var sentence = own || scoring.reasons[code].text.replace(/\{(\w+)\}/g, "%($1)s");
    found.push({ code: code, text: fillIn(sentence, values), weight: weight(code) });
  }

  function has(list, value) { return list.indexOf(value) >= 0; }

  // you, it: {country, wants, languages, type, size, interests, town, sisterTowns}
  function reasons(you, it) {
    var found = [];
    var country = function (code) { return countryWords[code] || data.countries[code] || code; };
    if (has(it.wants, you.country)) say(found, "it_wants_your_country", { country: country(you.country) });
    if (has(you.wants, it.country)) say(found, "you_want_its_country", { country: country(it.country) });
    if ((it.town && has(you.sisterTowns, it.town)) || (you.town && has(it.sisterTowns, you.town))) say(found, "sister_cities", {});
    you.languages.forEach(function (language) {
      if (!has(it.languages, language)) return;
      var mains = (language === you.languages[0] ? 1 : 0) + (language === it.languages[0] ? 1 : 0);
      var word = languageWords[language] || data.languages[language] || language;
      say(found, ["language", "language_main_one", "language_main_both"][mains], { language: word });
    });
    var sameType = !!you.type && you.type === it.type;
    var sameSize = you.size >= 0 && you.size === it.size;
    var size = sameSize ? (WORDS.sizes && WORDS.sizes[you.size]) || scoring.sizes[you.size].text : "";
    var type = (WORDS.types && WORDS.types[you.type]) || you.type;
    if (sameType && sameSize) say(found, "type_and_size", { type: type, size: size });
    else if (sameType) say(found, "type", { type: type });
    else if (sameSize) say(found, "size", { size: size });
    you.interests.forEach(function (interest) {
      var title = activityWords[interest] || data.activities[interest] || interest;
      if (has(it.interests, interest)) say(found, "interest", { activity: title });
    });
    return found;
  }

  function candidates() {
    var fields = data.fields;
    return data.libraries.map(function (row, order) {
      var lib = { order: order, town: "", sisterTowns: [] };
      fields.forEach(function (name, i) { lib[name] = row[i]; });
      return lib;
    });
  }

  // The visitor's profile from the form: the same values partners.Profile holds.
  function visitor() {
    var get = function (name) { return form.elements[name].value; };
    var languages = [get("language"), get("other")].filter(function (v, i, all) { return v && all.indexOf(v) === i; });
    var interests = Array.prototype.filter.call(form.elements.interest, function (box) { return box.checked; })
      .map(function (box) { return box.value; }).sort();
    return {
      country: get("country"),
      wants: get("wants") ? [get("wants")] : [],
      languages: languages,
      type: get("type"),
      size: get("size") === "" ? -1 : Number(get("size")),
      interests: interests,
      town: "",
      sisterTowns: [],
    };
  }

  function rank(you) {
    var scored = [];
    candidates().forEach(function (it) {
      var why = reasons(you, it);
      var score = why.reduce(function (sum, r) { return sum + r.weight; }, 0);
      if (score > 0) scored.push({ it: it, score: score, reasons: why });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.it.order - b.it.order; });
    return scored;
  }

  function show(ranked) {
    list.textContent = "";
    ranked.slice(0, SHOWN).forEach(function (s) {
      var li = document.createElement("li");
      li.setAttribute("data-partner", s.it.url);
      li.setAttribute("data-score", String(s.score));
      var a = document.createElement("a");
      a.href = s.it.url;
      a.textContent = s.it.name;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + t("%(city)s, %(country)s · score %(score)s", {
        city: s.it.city, country: data.countries[s.it.country] || s.it.country, score: s.score,
      });
      li.appendChild(meta);
      if (s.it.stale) {
        var stale = document.createElement("span");
        stale.className = "stale";
        stale.textContent = t("may be out of date");
        li.appendChild(stale);
      }
      var ul = document.createElement("ul");
      ul.className = "reasons";
      s.reasons.forEach(function (r) {
        var item = document.createElement("li");
        item.setAttribute("data-reason", r.code);
        item.textContent = r.text;
        ul.appendChild(item);
      });
      li.appendChild(ul);
      list.appendChild(li);
    });
    var n = ranked.length;
    if (n === 0) countOut.textContent = t("No library seeking a partner shares a reason with yours.");
    else if (n > SHOWN) {
      countOut.textContent = tn("%(num)s library matches; the best %(shown)s are shown.",
        "%(num)s libraries match; the best %(shown)s are shown.", n, { shown: SHOWN });
    } else countOut.textContent = tn("%(num)s library matches.", "%(num)s libraries match.", n);
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    ["country", "wants", "language", "other", "type", "size"].forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    var wanted = params.getAll("interest");
    Array.prototype.forEach.call(form.elements.interest, function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    return params.toString() !== "";
  }

  function toAddress() {
    var params = new URLSearchParams();
    ["country", "wants", "language", "other", "type", "size"].forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
    });
    Array.prototype.forEach.call(form.elements.interest, function (box) { if (box.checked) params.append("interest", box.value); });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function run() { show(rank(visitor())); }

  Promise.all([getJSON(form.getAttribute("data-scoring")), getJSON(form.getAttribute("data-libraries"))]).then(function (loaded) {
    scoring = loaded[0];
    data = loaded[1];
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      toAddress();
      run();
    });
    if (fromAddress()) run();
    form.setAttribute("data-ready", "");
  }).catch(function () {
    countOut.textContent = t("The list of libraries could not be loaded; try again later.");
  });
})();
