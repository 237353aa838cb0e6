// Bantin search: runs on the visitor's device over assets/search-index.js (and its parts). No library, no network.
(function () {
  "use strict";
  var index = window.BANTIN_SEARCH || [];
  var input = document.getElementById("tu-khoa");
  var list = document.getElementById("ket-qua");
  var status = document.getElementById("trang-thai");
  var form = document.querySelector("[data-root]");
  var root = form ? form.getAttribute("data-root") : "";

  // No accents, đ → d, lower case, single spaces: for the query and for the index alike.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The index holds each text as written; its lowercased and folded forms are made here, once
  // for each entry, as its part arrives (the index is little more than half the size without them).
  var prepared = 0;
  function prepare() {
    for (; prepared < index.length; prepared++) {
      var entry = index[prepared];
      entry.ft = fold(entry.t);
      entry.fx = fold(entry.x);
      entry.x = entry.x.normalize("NFC").toLowerCase();
    }
  }
  prepare();

  function score(entry, query, folded, words) {
    for (var i = 0; i < words.length; i++) { if (entry.fx.indexOf(words[i]) < 0) { return 0; } }
    var exact = query.normalize("NFC").toLowerCase();
    var points = 1;
    if (entry.ft === folded) { points += 16; }
    if (entry.ft.indexOf(folded) === 0) { points += 3; }
    if (entry.ft.indexOf(folded) >= 0) { points += 4; }
    if (entry.fx.indexOf(folded) >= 0) { points += 2; }
    // Typed with accents and found with the same accents: the reader meant exactly this.
    if (exact !== folded && entry.x.indexOf(exact) >= 0) { points += 8; }
    if (entry.t.toLowerCase().indexOf(exact) >= 0) { points += 8; }
    return points;
  }

  function search(query) {
    var folded = fold(query);
    if (!folded) { return []; }
    var words = folded.split(" ");
    var found = [];
    for (var i = 0; i < index.length; i++) {
      var points = score(index[i], query, folded, words);
      if (points > 0) { found.push({ entry: index[i], points: points, order: i }); }
    }
    // Equal scores: the shorter title is the closer match ("Trạm Y tế phường" before a long headline).
    found.sort(function (a, b) { return b.points - a.points || a.entry.t.length - b.entry.t.length || a.order - b.order; });
    return found.slice(0, 50).map(function (hit) { return hit.entry; });
  }

  function show(query) {
    var results = search(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.u;
      link.textContent = entry.t;
      var kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = " · " + entry.k;
      item.appendChild(link);
      item.appendChild(kind);
      if (entry.s) {
        var snippet = document.createElement("p");
        snippet.textContent = entry.s;
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
    status.textContent = query.trim() ? results.length + " kết quả cho “" + query.trim() + "”" : "";
  }

  window.bantinSearch = search;
  window.bantinFold = fold;
  if (input) {
    input.addEventListener("input", function () { show(input.value); });
    // Enter submits the form, and the CSP's form-action 'none' refuses that (a console error and
    // nothing else): the results are already on the page, so the submission is only shown again.
    if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); show(input.value); }); }
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; show(initial); }
  }

  // A big site's index comes in parts: each adds its entries to the same array, in order (scripts
  // inserted with async = false run in the order inserted), and the results are shown again as
  // they arrive. Plain script files, so this works from file:// and under the CSP too.
  var parts = window.BANTIN_SEARCH_PARTS || [];
  var waiting = parts.length;
  parts.forEach(function (part) {
    var script = document.createElement("script");
    script.src = root + part;
    script.async = false;
    script.addEventListener("load", function () {
      prepare();
      waiting -= 1;
      if (waiting === 0) { document.documentElement.setAttribute("data-search-ready", ""); }
      if (input && input.value.trim()) { show(input.value); }
    });
    document.body.appendChild(script);
  });
  if (waiting === 0) { document.documentElement.setAttribute("data-search-ready", ""); }
})();
