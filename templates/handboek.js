(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  if (!form || !status) {
    return;
  }
  var measures = Array.prototype.slice.call(document.querySelectorAll("article.measure"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.agency-measures"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // What a search looks in: title, facts, description and reason of the measure (for a
  // reference to a measure described elsewhere: of that description), not its links.
  var described = {};
  measures.forEach(function (m) {
    if (m.id) {
      var parts = m.querySelectorAll("h4, h5, .meta, .desc, .reason");
      described[m.dataset.measure] = Array.prototype.map.call(parts, function (p) {
        return p.textContent;
      }).join(" ");
    }
  });
  var texts = measures.map(function (m) {
    return fold(described[m.dataset.measure] || m.textContent);
  });
  var total = new Set(measures.map(function (m) { return m.dataset.measure; })).size;
  function apply() {
    var agency = form.elements.agency.value;
    var domain = form.elements.domain.value;
    var instrument = form.elements.instrument.value;
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var filtering = Boolean(agency || domain || instrument || words.length);
    var shown = new Set();
    measures.forEach(function (m, i) {
      var ok = (!agency || m.dataset.agency === agency) &&
        (!domain || m.dataset.domain === domain) &&
        (!instrument || m.dataset.instrument === instrument) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      m.hidden = !ok;
      if (ok) {
        shown.add(m.dataset.measure);
      }
    });
    groups.forEach(function (g) {
      g.hidden = filtering && !g.querySelector("article.measure:not([hidden])");
    });
    status.textContent = filtering
      ? shown.size + " van " + total + " maatregelen getoond."
      : total + " maatregelen.";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
