(function () {
  "use strict";
  // Zoeken en filteren. Zoeken volgt dezelfde regels als `zorgtoolbox search`
  // (src/zorgtoolbox/search.py en text.py): de index in #zoekindex is door die code
  // gemaakt, met de gewichten, stopwoorden en spelfoutgrenzen erbij.
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  var results = document.getElementById("resultaten");
  var block = document.getElementById("zoekindex");
  if (!form || !status || !results || !block) {
    return;
  }
  var index = JSON.parse(block.textContent);
  var bar = form.parentNode;
  var list = results.querySelector(".result-list");
  var empty = results.querySelector(".no-results");
  var more = results.querySelector(".more");
  var note = document.getElementById("afdruk-filter");
  var root = document.documentElement;
  var LIMIT = 50;
  var MAX_QUERY = 200;
  var PARAMS = [["agency", "organisatie"], ["domain", "domein"], ["instrument", "instrument"]];
  // Python's str.split() whitespace, and its isalnum() (near enough: letters and numbers)
  var SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var ALNUM = /[\p{L}\p{N}]/u;

  // --- text.py: fold, words, within_distance --------------------------------------
  function fold(text) {
    return text.toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD").replace(/\p{Mn}/gu, "");
  }
  function words(text) {
    return fold(text).match(/[0-9a-z]+/g) || [];
  }
  function allowedTypos(word) {
    return index.typos[Math.min(word.length, index.typos.length - 1)];
  }
  function withinDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return false;
    }
    if (a === b) {
      return true;
    }
    if (limit === 0) {
      return false;
    }
    var previous2 = null;
    var previous = [];
    var i, j;
    for (j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 !== null && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) {
        return false;
      }
      previous2 = previous;
      previous = current;
    }
    return previous[b.length] <= limit;
  }

  // --- search.py: query words, candidates, ranking --------------------------------
  var vocabulary = index.words;
  var position = new Map();
  vocabulary.forEach(function (w, i) { position.set(w, i); });
  var stop = new Set(index.stop);
  var decoded = [];
  function postings(i) {
    if (!decoded[i]) {
      var entry = 0;
      var n = index.fields.length;
      decoded[i] = index.postings[i].split(" ").map(function (x) {
        var v = parseInt(x, 36);
        entry += Math.floor(v / n);
        return [entry, v % n];
      });
    }
    return decoded[i];
  }
  function queryWords(text) {
    var folded = [];
    words(text).forEach(function (w) {
      if (folded.indexOf(w) === -1) {
        folded.push(w);
      }
    });
    var kept = folded.filter(function (w) { return !stop.has(w); });
    return kept.length ? kept : folded;
  }
  function candidates(q) {
    var found = new Map();
    if (position.has(q)) {
      found.set(q, index.quality.exact);
    }
    if (q.length >= index.prefix) {
      var lo = 0;
      var hi = vocabulary.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (vocabulary[mid] < q) { lo = mid + 1; } else { hi = mid; }
      }
      for (; lo < vocabulary.length && vocabulary[lo].startsWith(q); lo++) {
        if (!found.has(vocabulary[lo])) {
          found.set(vocabulary[lo], index.quality.prefix);
        }
      }
    }
    var limit = allowedTypos(q);
    if (limit) {
      vocabulary.forEach(function (w) {
        if (!found.has(w) && withinDistance(q, w, limit)) {
          found.set(w, index.quality.typo);
        }
      });
    }
    return found;
  }
  // [{entry, score, matched, found: Map(field → [word, …])}], best first
  function search(text) {
    var best = new Map();
    queryWords(text).forEach(function (q) {
      candidates(q).forEach(function (quality, word) {
        postings(position.get(word)).forEach(function (p) {
          var weight = index.weights[p[1]] * quality;
          var perWord = best.get(p[0]);
          if (!perWord) {
            perWord = new Map();
            best.set(p[0], perWord);
          }
          if (!perWord.has(q) || weight > perWord.get(q)[0]) {
            perWord.set(q, [weight, p[1], word]);
          }
        });
      });
    });
    var ranked = [];
    best.forEach(function (perWord, entry) {
      var score = 0;
      var found = new Map();
      perWord.forEach(function (v) {
        score += v[0];
        if (!found.has(v[1])) {
          found.set(v[1], []);
        }
        found.get(v[1]).push(v[2]);
      });
      ranked.push({ entry: entry, score: Math.round(score * 1000) / 1000, matched: perWord.size, found: found });
    });
    ranked.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.entry - b.entry;
    });
    return ranked;
  }

  // --- snippets (search.snippet), built as text nodes and <mark> ------------------
  function highlight(parent, text, found, width) {
    var tokens = text.split(SPACE).filter(Boolean);
    function hit(token) {
      var folded = fold(token);
      return found.some(function (f) { return folded.indexOf(f) !== -1; });
    }
    var first = tokens.findIndex(hit);
    var start = Math.max(0, first - 4);
    var piece = [];
    var length = -1;
    for (var i = start; i < tokens.length; i++) {
      piece.push(tokens[i]);
      length += Array.from(tokens[i]).length + 1;
      if (length >= width) {
        break;
      }
    }
    var plain = start > 0 ? "…" : "";
    piece.forEach(function (token, k) {
      plain += k ? " " : "";
      if (!hit(token)) {
        plain += token;
        return;
      }
      var chars = Array.from(token);
      var a = chars.findIndex(function (c) { return ALNUM.test(c); });
      var z = chars.length - chars.slice().reverse().findIndex(function (c) { return ALNUM.test(c); });
      if (a < 0) {
        a = 0;
        z = chars.length;
      }
      parent.appendChild(document.createTextNode(plain + chars.slice(0, a).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(a, z).join("");
      parent.appendChild(mark);
      plain = chars.slice(z).join("");
    });
    plain += start + piece.length < tokens.length ? "…" : "";
    parent.appendChild(document.createTextNode(plain));
  }

  // --- the cards ------------------------------------------------------------------
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.measure"));
  var home = {};
  var order = [];  // the measures in the order of their cards
  cards.forEach(function (c) {
    if (c.id) {
      home[c.dataset.measure] = c;
      order.push(c.dataset.measure);
    }
  });
  var groups = Array.prototype.slice.call(
    document.querySelectorAll("section.agency-measures, section.chapter.domain"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("main section"));
  var total = order.length;
  function fieldText(card, name) {
    if (name === "title") {
      var heading = card.querySelector("h4, h5").cloneNode(true);
      var rung = heading.querySelector(".rung");
      if (rung) {
        heading.removeChild(rung);
      }
      return heading.textContent.trim();
    }
    if (name === "description") {
      return Array.prototype.map.call(card.querySelectorAll(".desc"), function (p) {
        return p.textContent;
      }).join(" ");
    }
    if (name === "notes") {
      var notes = card.querySelector(".notes");
      return notes ? notes.textContent.replace(/^\s*Noot:\s*/, "") : "";
    }
    return "";
  }
  // A measure passes the choices of the form: its own card when it belongs to the
  // domain; another chapter's reference to it when that chapter is the domain.
  function passes(card, s) {
    var m = home[card.dataset.measure] || card;
    var inDomain = card.id
      ? m.dataset.domains.split(" ").indexOf(s.domain) !== -1
      : card.dataset.domain === s.domain;
    return (!s.agency || m.dataset.agency === s.agency) &&
      (!s.domain || inDomain) &&
      (!s.instrument || m.dataset.instrument === s.instrument);
  }

  // --- the form and the URL -------------------------------------------------------
  function state() {
    var s = { q: form.elements.q.value.slice(0, MAX_QUERY) };
    PARAMS.forEach(function (p) { s[p[0]] = form.elements[p[0]].value; });
    return s;
  }
  function readUrl() {
    var params = new URLSearchParams(location.search);
    PARAMS.forEach(function (p) {
      var select = form.elements[p[0]];
      var value = params.get(p[1]);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    form.elements.q.value = (params.get("zoek") || "").slice(0, MAX_QUERY);
  }
  function writeUrl(s) {
    var params = new URLSearchParams();
    PARAMS.forEach(function (p) {
      if (s[p[0]]) {
        params.set(p[1], s[p[0]]);
      }
    });
    if (s.q.trim()) {
      params.set("zoek", s.q.trim());
    }
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      try {
        history.replaceState(history.state, "", url);
      } catch (e) {
        // a page that may not change its own address (some viewers): keep it as it is
      }
    }
  }

  // --- the result list ------------------------------------------------------------
  function paragraph(className) {
    var p = document.createElement("p");
    p.className = className;
    return p;
  }
  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }
  function clearChoices() {
    PARAMS.forEach(function (p) { form.elements[p[0]].value = ""; });
    update(true);
    form.elements.q.focus();
  }
  function item(id, found, rank) {
    var card = home[id];
    var li = document.createElement("li");
    if (rank) {  // the measures of the ranking, for whoever compares it with the CLI's
      li.dataset.score = String(rank.score);
      li.dataset.matched = String(rank.matched);
    }
    var a = document.createElement("a");
    a.className = "result-title";
    a.setAttribute("href", "#" + id);
    a.dataset.measure = id;
    var all = [];  // every word found, highlighted wherever it stands
    if (found) {
      found.forEach(function (ws) { all = all.concat(ws); });
    }
    highlight(a, fieldText(card, "title"), all, Infinity);
    li.appendChild(a);
    var meta = paragraph("result-meta");
    var agency = card.querySelector('a[href^="#org-"]');
    var rungs = card.querySelector(".rungs");
    var other = card.closest(".other-document");
    meta.textContent = [
      agency && agency.textContent,
      rungs && "trede " + rungs.textContent,
      card.dataset.instrument,
      other && "uit " + other.querySelector("h2").textContent,
    ].filter(Boolean).join(" · ");
    li.appendChild(meta);
    // the snippet: of the text field found with the highest weight, else the description
    var field = "description";
    var best = -1;
    (found || new Map()).forEach(function (ws, f) {
      var name = index.fields[f];
      if ((name === "description" || name === "notes") && (best < 0 || index.weights[f] > index.weights[best])) {
        best = f;
        field = name;
      }
    });
    var text = fieldText(card, field);
    if (text) {
      var snippet = paragraph("result-snippet");
      highlight(snippet, text, all, 70);
      li.appendChild(snippet);
    }
    return li;
  }
  // The closest word of the index to a word that found nothing, as the cards write it.
  function closest(q) {
    var most = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
    for (var d = 1; d <= most; d++) {
      var near = vocabulary.filter(function (w) { return withinDistance(q, w, d); });
      if (near.length) {
        near.sort(function (x, y) {
          return postings(position.get(y)).length - postings(position.get(x)).length;
        });
        return near[0];
      }
    }
    return null;
  }
  function asWritten(word) {
    var p = postings(position.get(word))[0];
    var text = fieldText(home[index.ids[p[0]]], index.fields[p[1]]);
    var token = text.split(SPACE).find(function (t) { return words(t).indexOf(word) !== -1; });
    var core = token && token.match(/[\p{L}\p{N}]+/gu).find(function (t) { return fold(t) === word; });
    return core ? core.toLowerCase() : word;
  }
  function suggestion(q) {
    var changed = false;
    var out = queryWords(q).map(function (w) {
      if (candidates(w).size) {
        return w;
      }
      var near = closest(w);
      changed = changed || Boolean(near);
      return near ? asWritten(near) : w;
    });
    return changed ? out.join(" ") : null;
  }
  function explain(s, query, anyHits, hits) {
    var choices = PARAMS.some(function (p) { return s[p[0]]; });
    var p = paragraph("");
    if (query && !anyHits) {
      p.textContent = "Er is geen maatregel gevonden met ‘" + query + "’. ";
      var better = suggestion(query);
      if (better) {
        p.appendChild(document.createTextNode("Bedoel je "));
        p.appendChild(button(better, function () {
          form.elements.q.value = better;
          update(true);
          form.elements.q.focus();
        }));
        p.appendChild(document.createTextNode("?"));
      } else {
        p.appendChild(document.createTextNode("Probeer een ander woord."));
      }
    } else if (query) {
      p.textContent = "Met ‘" + query + "’ " + (hits === 1 ? "is er 1 maatregel" : "zijn er " + hits + " maatregelen") +
        ", maar niet met de gekozen organisatie, domein of instrument. ";
    } else {
      p.textContent = "Er is geen maatregel met deze keuze voor organisatie, domein en instrument. ";
    }
    empty.appendChild(p);
    if (choices) {
      var again = paragraph("");
      again.appendChild(button("Wis de filters", clearChoices));
      empty.appendChild(again);
    }
  }
  function describe(s, query, shown) {
    var parts = [];
    PARAMS.forEach(function (p) {
      var select = form.elements[p[0]];
      if (s[p[0]]) {
        parts.push(select.labels[0].textContent.toLowerCase() + " " + select.selectedOptions[0].textContent);
      }
    });
    if (query) {
      parts.push("zoekwoorden ‘" + query + "’");
    }
    var which = shown === 0 ? "er past geen maatregel bij"
      : shown === 1 ? "alleen de maatregel die daarbij past staat erin"
        : "alleen de " + shown + " maatregelen die daarbij passen staan erin";
    return "Afdruk met een filter (" + parts.join("; ") + "): " + which +
      ". De andere hoofdstukken staan in het hele handboek.";
  }

  // --- filtering ------------------------------------------------------------------
  var shown = null;  // the state last shown: a change event on leaving the field redraws nothing
  function update(reveal) {
    var s = state();
    var key = JSON.stringify(s);
    if (key === shown) {
      return;
    }
    shown = key;
    var query = words(s.q).length ? s.q.trim() : "";
    var filtering = Boolean(query || PARAMS.some(function (p) { return s[p[0]]; }));
    var ranked = query ? search(query) : null;
    var wanted = null;
    if (ranked) {
      wanted = new Set(ranked.map(function (r) { return index.ids[r.entry]; }));
    }
    var ok = {};
    order.forEach(function (id) {
      ok[id] = passes(home[id], s) && (!wanted || wanted.has(id));
    });
    cards.forEach(function (card) {
      card.hidden = !(ok[card.dataset.measure] && passes(card, s));
    });
    groups.forEach(function (g) {
      g.hidden = filtering && !g.querySelector("article.measure:not([hidden])");
    });
    sections.forEach(function (g) {
      g.classList.toggle("shown", filtering && Boolean(g.querySelector("article.measure:not([hidden])")));
    });
    var first = document.querySelector("main > section.shown");
    sections.forEach(function (g) { g.classList.toggle("first-shown", g === first); });
    var hits = ranked
      ? ranked.filter(function (r) { return ok[index.ids[r.entry]]; }).map(function (r) {
        return [index.ids[r.entry], r.found, r];
      })
      : order.filter(function (id) { return ok[id]; }).map(function (id) { return [id, null]; });
    root.classList.toggle("filtering", filtering);
    results.hidden = !filtering;
    list.textContent = "";
    empty.textContent = "";
    empty.hidden = !filtering || hits.length > 0;
    more.hidden = hits.length <= LIMIT;
    if (filtering) {
      hits.slice(0, LIMIT).forEach(function (h) { list.appendChild(item(h[0], h[1], h[2])); });
      if (!hits.length) {
        explain(s, query, ranked === null || ranked.length > 0, ranked ? ranked.length : 0);
      }
      more.textContent = "De eerste " + LIMIT + " van de " + hits.length +
        " staan in deze lijst. Alle " + hits.length + " staan hieronder in het handboek.";
      note.textContent = describe(s, query, hits.length);
    }
    var count = order.filter(function (id) { return ok[id]; }).length;
    status.textContent = filtering
      ? count + " van " + total + " maatregelen getoond."
      : total + " maatregelen.";
    writeUrl(s);
    if (reveal && filtering) {
      var top = results.getBoundingClientRect().top;
      var under = sticky() ? bar.getBoundingClientRect().bottom : 0;
      if (top < under - 1 || top > window.innerHeight * 0.6) {
        window.scrollTo(0, window.scrollY + top - bar.offsetHeight);
      }
    }
  }

  // --- focus: to the card a link points to, and back to the result ---------------
  function sticky() {
    return getComputedStyle(bar).position === "sticky";
  }
  function measureBar() {
    root.style.setProperty("--filter-bar", (sticky() ? bar.offsetHeight : 0) + "px");
  }
  var lastResult = null;
  function target(hash) {
    if (!hash || hash.length < 2) {
      return null;
    }
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }
  function toResult() {
    var links = list.querySelectorAll("a.result-title");
    var link = Array.prototype.find.call(links, function (a) {
      return a.dataset.measure === lastResult;
    }) || links[0];
    if (link && !results.hidden) {
      link.focus();
      return true;
    }
    return false;
  }
  function backLink(card) {
    var old = document.querySelector(".back-to-results");
    if (old) {
      old.parentNode.removeChild(old);
    }
    var p = paragraph("back-to-results");
    var a = document.createElement("a");
    a.setAttribute("href", "#resultaten");
    a.textContent = "Terug naar de resultaten";
    p.appendChild(a);
    var heading = card.querySelector("h4, h5");
    card.insertBefore(p, heading ? heading.nextSibling : card.firstChild);
  }
  function arrive(hash, scroll) {
    if ((hash === "#resultaten" || hash === "" || hash === "#") && lastResult && toResult()) {
      return;
    }
    var el = target(hash);
    if (!el || !document.querySelector("main").contains(el)) {
      return;
    }
    if (el.closest("[hidden]") && el !== results) {
      form.reset();  // a link to a card or chapter the filters hide: show everything again
      update(false);
      scroll = true;
    }
    if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      el.setAttribute("tabindex", "-1");
    }
    if (scroll) {
      el.scrollIntoView({ block: "start" });
    }
    el.focus({ preventScroll: true });
  }
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a");
    if (!a || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var href = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
    if (href.charAt(0) !== "#") {
      return;
    }
    var fromResults = list.contains(a);
    if (fromResults) {
      lastResult = a.dataset.measure;
    }
    window.setTimeout(function () {
      arrive(href, false);
      var card = target(href);
      if (fromResults && card) {
        backLink(card);
      }
    }, 0);
  });
  window.addEventListener("hashchange", function () { arrive(location.hash, false); });

  // --- start ------------------------------------------------------------------------
  form.hidden = false;
  measureBar();
  window.addEventListener("resize", measureBar);
  if (window.ResizeObserver) {
    new ResizeObserver(measureBar).observe(bar);
  }
  // on a large page every redraw lays out thousands of cards: wait until typing pauses
  var delay = cards.length > 500 ? 200 : 0;
  var timer = null;
  form.addEventListener("input", function () {
    if (!delay) {
      update(true);
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(true); }, delay);
  });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { update(false); }, 0); });
  readUrl();
  update(!location.hash);
  if (location.hash) {
    arrive(location.hash, true);
  }
}());
