// listbot site: search, filters, sort and BibTeX for one page of papers.
//
// The data is papers.json, the list's published JSON export (`listbot export json`).
// Safety: every value from it reaches the page through textContent or an attribute
// setter, never as HTML; links are kept only when they are http(s). Speed: each paper
// gets one lower-case search key up front; rows are built when first shown and kept,
// and only CHUNK rows are added at a time (more as the reader scrolls).
"use strict";
(function () {
  var CHUNK = 50;
  var state = { q: "", category: "", venue: "", from: "", to: "", code: false, sort: "" };
  var papers = [];       // records from papers.json, in list order, with search keys
  var orders = {};       // sort name -> array of indexes into papers
  var shown = [];        // indexes matching the current state, in the current order
  var last = null;       // the state `shown` was computed for
  var rendered = 0;      // how many of `shown` are in the list
  var rows = [];         // index -> its <li>, built on first use
  var descendants = {};  // category id -> set of itself and every category below it
  var bibtex = null;     // promise of bibtex_key -> entry text (papers.bib, on first copy)
  var el = {};

  function $(id) { return document.getElementById(id); }

  function safeUrl(value) {
    if (typeof value !== "string") return null;
    try {
      var url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function text(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  function link(href, label, className) {
    var a = text("a", className || "", label);
    a.setAttribute("href", href);
    a.setAttribute("rel", "noopener noreferrer");
    return a;
  }

  // --- data ---------------------------------------------------------------------------

  function prepare(data) {
    var categories = Array.isArray(data.categories) ? data.categories : [];
    var names = {};
    categories.forEach(function (c) {
      names[c.id] = c.name;
      descendants[c.id] = new Set([c.id]);
    });
    categories.forEach(function (c) {  // parents come before children in the export
      var up = c.parent;
      while (up && descendants[up]) {
        descendants[up].add(c.id);
        up = (categories.find(function (p) { return p.id === up; }) || {}).parent;
      }
    });
    var list = Array.isArray(data.papers) ? data.papers : [];
    papers = list.map(function (p, i) {
      var authors = Array.isArray(p.authors) ? p.authors.map(String) : [];
      var tags = Array.isArray(p.tags) ? p.tags.map(String) : [];
      var links = p.links && typeof p.links === "object" ? p.links : {};
      return {
        i: i,
        id: String(p.id),
        title: String(p.title),
        authors: authors,
        venue: String(p.venue),
        venueName: String(p.venue_name || p.venue),
        year: Number(p.year) || 0,
        category: String(p.category),
        categoryName: names[p.category] || String(p.category),
        links: links,
        code: safeUrl(links.code) !== null,
        doi: p.doi ? String(p.doi) : "",
        arxiv: p.arxiv ? String(p.arxiv) : "",
        tags: tags,
        note: p.note ? String(p.note) : "",
        bibtexKey: String(p.bibtex_key || ""),
        key: [p.title, authors.join(" "), p.venue, p.venue_name, tags.join(" "),
              tags.join(" ").replace(/-/g, " ")].join("\n").toLowerCase()
      };
    });
    var list0 = papers.map(function (p) { return p.i; });
    orders[""] = list0;
    orders["new"] = list0.slice().sort(function (a, b) {
      return papers[b].year - papers[a].year || a - b;
    });
    orders["old"] = list0.slice().sort(function (a, b) {
      return papers[a].year - papers[b].year || a - b;
    });
    var collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
    orders.title = list0.slice().sort(function (a, b) {
      return collator.compare(papers[a].title, papers[b].title) || a - b;
    });
    fillOptions(categories, Array.isArray(data.venues) ? data.venues : [], list);
  }

  function fillOptions(categories, venues, list) {
    var depth = {};
    categories.forEach(function (c) {
      depth[c.id] = c.parent && depth[c.parent] !== undefined ? depth[c.parent] + 1 : 0;
      var option = document.createElement("option");
      option.value = c.id;
      option.textContent = "\u00a0\u00a0".repeat(depth[c.id]) + c.name;
      el.category.appendChild(option);
    });
    var seen = new Set();
    var years = [];
    list.forEach(function (p) { seen.add(String(p.venue)); years.push(Number(p.year) || 0); });
    var keys = venues.map(function (v) { return String(v.key); });  // listbot.yml's order
    keys.forEach(function (k) { seen.delete(k); });
    keys.concat(Array.from(seen).sort()).forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v;
      el.venue.appendChild(option);
    });
    if (years.length) {
      var min = years.reduce(function (a, b) { return Math.min(a, b); });
      var max = years.reduce(function (a, b) { return Math.max(a, b); });
      [el.from, el.to].forEach(function (input) {
        input.min = String(min);
        input.max = String(max);
      });
      el.from.placeholder = String(min);
      el.to.placeholder = String(max);
    }
  }

  // --- one row ------------------------------------------------------------------------

  var LINK_LABELS = { paper: "paper", pdf: "PDF", code: "code", slides: "slides", video: "video" };

  function row(p) {
    var li = document.createElement("li");
    li.className = "paper";
    li.id = p.id;
    var head = document.createElement("div");
    var paperUrl = safeUrl(p.links.paper) || safeUrl(p.links.pdf);
    head.appendChild(paperUrl ? link(paperUrl, p.title, "title") : text("span", "title", p.title));
    li.appendChild(head);

    var meta = document.createElement("div");
    meta.className = "meta";
    var venue = text("span", "venue", p.venue + " " + p.year);
    venue.title = p.venueName;
    meta.appendChild(venue);
    meta.appendChild(document.createTextNode(" · " + p.categoryName));
    if (p.authors.length) meta.appendChild(text("div", "authors", p.authors.join(", ")));
    if (p.tags.length) {
      var tags = document.createElement("ul");
      tags.className = "tags";
      tags.setAttribute("aria-label", "tags");
      p.tags.forEach(function (t) { tags.appendChild(text("li", "", t)); });
      meta.appendChild(tags);
    }
    li.appendChild(meta);
    if (p.note) li.appendChild(text("p", "note", p.note));

    var actions = document.createElement("div");
    actions.className = "actions";
    Object.keys(LINK_LABELS).forEach(function (kind) {  // the title links to the paper
      var url = kind === "paper" ? null : safeUrl(p.links[kind]);
      if (url) actions.appendChild(link(url, LINK_LABELS[kind]));
    });
    if (p.doi) actions.appendChild(link("https://doi.org/" + encodeURI(p.doi), "DOI"));
    if (p.arxiv) actions.appendChild(link("https://arxiv.org/abs/" + encodeURI(p.arxiv), "arXiv"));
    var copy = text("button", "copy", "Copy BibTeX");
    copy.type = "button";
    copy.setAttribute("data-index", String(p.i));
    actions.appendChild(copy);
    var anchor = link("#" + encodeURIComponent(p.id), "#", "anchor");
    anchor.setAttribute("aria-label", "Link to this paper");
    anchor.removeAttribute("rel");
    actions.appendChild(anchor);
    li.appendChild(actions);
    return li;
  }

  // --- filtering and rendering --------------------------------------------------------

  // Typing one more letter can only narrow the result: search within the last one.
  function narrowing() {
    return last !== null && state.q.toLowerCase().indexOf(last.q.toLowerCase()) === 0 &&
      state.q.length > last.q.length && state.category === last.category &&
      state.venue === last.venue && state.from === last.from && state.to === last.to &&
      state.code === last.code && state.sort === last.sort;
  }

  function matches(within) {
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var cats = state.category ? descendants[state.category] || new Set([state.category]) : null;
    var from = state.from ? Number(state.from) : -Infinity;
    var to = state.to ? Number(state.to) : Infinity;
    var order = within || orders[state.sort] || orders[""];
    var out = [];
    for (var k = 0; k < order.length; k++) {
      var p = papers[order[k]];
      if (cats && !cats.has(p.category)) continue;
      if (state.venue && p.venue !== state.venue) continue;
      if (p.year < from || p.year > to) continue;
      if (state.code && !p.code) continue;
      var ok = true;
      for (var t = 0; t < terms.length; t++) {
        if (p.key.indexOf(terms[t]) === -1) { ok = false; break; }
      }
      if (ok) out.push(p.i);
    }
    return out;
  }

  function renderMore(upTo) {
    var end = Math.min(shown.length, Math.max(rendered + CHUNK, upTo || 0));
    var frag = document.createDocumentFragment();
    for (var k = rendered; k < end; k++) {
      var i = shown[k];
      frag.appendChild(rows[i] || (rows[i] = row(papers[i])));
    }
    el.papers.appendChild(frag);
    rendered = end;
    el.more.hidden = rendered >= shown.length;
  }

  function update() {
    shown = matches(narrowing() ? shown : null);
    last = { q: state.q, category: state.category, venue: state.venue, from: state.from,
             to: state.to, code: state.code, sort: state.sort };
    rendered = 0;
    el.papers.textContent = "";
    renderMore();
    var total = papers.length;
    el.count.textContent = shown.length === total
      ? "Showing all " + total + " papers"
      : "Showing " + shown.length + " of " + total + " papers";
  }

  // --- the URL keeps the state ----------------------------------------------------------

  var PARAMS = { q: "q", category: "category", venue: "venue", from: "from", to: "to",
                 code: "code", sort: "sort" };

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("q") || "";
    state.category = params.get("category") || "";
    state.venue = params.get("venue") || "";
    state.from = /^\d{1,4}$/.test(params.get("from") || "") ? params.get("from") : "";
    state.to = /^\d{1,4}$/.test(params.get("to") || "") ? params.get("to") : "";
    state.code = params.get("code") === "1";
    state.sort = orders[params.get("sort") || ""] ? params.get("sort") || "" : "";
    el.q.value = state.q;
    setSelect(el.category, state.category);
    setSelect(el.venue, state.venue);
    state.category = el.category.value;
    state.venue = el.venue.value;
    el.from.value = state.from;
    el.to.value = state.to;
    el.code.checked = state.code;
    setSelect(el.sort, state.sort);
  }

  function setSelect(select, value) {
    select.value = value;
    if (select.value !== value) select.value = "";
  }

  function writeUrl() {
    var params = new URLSearchParams();
    Object.keys(PARAMS).forEach(function (name) {
      var value = state[name];
      if (value === true) params.set(PARAMS[name], "1");
      else if (value) params.set(PARAMS[name], value);
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function fromControls() {
    state.q = el.q.value;
    state.category = el.category.value;
    state.venue = el.venue.value;
    state.from = el.from.value;
    state.to = el.to.value;
    state.code = el.code.checked;
    state.sort = el.sort.value;
    update();
    writeUrl();
  }

  // --- anchors: a #paper-id shows that paper even when it is far down -------------------

  function showTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return;  // a malformed %-escape names no paper
    }
    if (!id) return;
    var at = -1;
    for (var k = 0; k < shown.length; k++) {
      if (papers[shown[k]].id === id) { at = k; break; }
    }
    if (at >= rendered) renderMore(at + 1);
    var old = el.papers.querySelector(".paper.target");
    if (old) old.classList.remove("target");
    // Rows are built after the page loaded, so the browser's :target never saw this one.
    var target = document.getElementById(id);
    if (target && target.classList.contains("paper")) {
      target.classList.add("target");
      target.scrollIntoView();
    }
  }

  // --- BibTeX -----------------------------------------------------------------------------

  function loadBibtex() {
    if (!bibtex) {
      bibtex = fetch("papers.bib").then(function (response) {
        if (!response.ok) throw new Error("papers.bib: HTTP " + response.status);
        return response.text();
      }).then(function (body) {
        var byKey = {};
        body.split(/\n(?=@)/).forEach(function (chunk) {
          var m = /^@\w+\{([^,\s]+),/.exec(chunk);
          if (m) byKey[m[1]] = chunk.trim() + "\n";
        });
        return byKey;
      });
      bibtex.catch(function () { bibtex = null; });
    }
    return bibtex;
  }

  function copyBibtex(button) {
    var p = papers[Number(button.getAttribute("data-index"))];
    if (!p) return;
    var entry = loadBibtex().then(function (byKey) {
      if (!byKey[p.bibtexKey]) throw new Error("no BibTeX entry " + p.bibtexKey);
      return byKey[p.bibtexKey];
    });
    var done = function () { say(button, "Copied"); };
    var failed = function () { say(button, "Copy failed"); };
    var clip = navigator.clipboard;
    if (clip && window.ClipboardItem && clip.write) {
      // A promise inside the item keeps the click's permission while papers.bib loads.
      var blob = entry.then(function (t) { return new Blob([t], { type: "text/plain" }); });
      clip.write([new ClipboardItem({ "text/plain": blob })]).then(done, function () {
        entry.then(function (t) { return clip.writeText(t); }).then(done, failed);
      });
    } else if (clip && clip.writeText) {
      entry.then(function (t) { return clip.writeText(t); }).then(done, failed);
    } else {
      failed();
    }
  }

  function say(button, message) {
    button.textContent = message;
    window.setTimeout(function () { button.textContent = "Copy BibTeX"; }, 1500);
  }

  // --- theme --------------------------------------------------------------------------

  function currentTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches
      ? "dark" : "light";
  }

  function showThemeButton() {
    var other = currentTheme() === "dark" ? "light" : "dark";
    el.theme.textContent = other === "dark" ? "Dark" : "Light";
    el.theme.setAttribute("aria-label", "Switch to the " + other + " theme");
  }

  function storedTheme() {
    try { return window.localStorage.getItem("listbot-theme"); } catch (e) { return null; }
  }

  function toggleTheme() {
    var next = currentTheme() === "dark" ? "light" : "dark";
    document.documentElement.setAttribute("data-theme", next);
    try { window.localStorage.setItem("listbot-theme", next); } catch (e) { /* private mode */ }
    showThemeButton();
  }

  // --- start --------------------------------------------------------------------------

  function wire() {
    ["q", "category", "venue", "from", "to", "code", "sort", "papers", "count", "more",
     "theme", "controls"].forEach(function (id) { el[id] = $(id); });
    var theme = storedTheme();
    if (theme === "dark" || theme === "light") {
      document.documentElement.setAttribute("data-theme", theme);
    }
    showThemeButton();
    el.theme.addEventListener("click", toggleTheme);
    el.controls.addEventListener("input", fromControls);  // selects and boxes fire it too
    el.controls.addEventListener("submit", function (event) { event.preventDefault(); });
    el.controls.addEventListener("reset", function () { window.setTimeout(fromControls, 0); });
    $("more-button").addEventListener("click", function () { renderMore(); });
    el.papers.addEventListener("click", function (event) {
      var target = event.target;
      if (target instanceof HTMLButtonElement && target.classList.contains("copy")) {
        copyBibtex(target);
      }
    });
    document.addEventListener("keydown", function (event) {
      var tag = (event.target && event.target.tagName) || "";
      var typing = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        el.q.focus();
        el.q.select();
      } else if (event.key === "Escape" && event.target === el.q && el.q.value) {
        el.q.value = "";
        fromControls();
      }
    });
    window.addEventListener("popstate", function () { readUrl(); update(); showTarget(); });
    window.addEventListener("hashchange", showTarget);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (seen) {
        if (seen[0].isIntersecting && rendered < shown.length) renderMore();
      }, { rootMargin: "800px" }).observe(el.more);
    }
  }

  function start() {
    wire();
    fetch("papers.json").then(function (response) {
      if (!response.ok) throw new Error("papers.json: HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      prepare(data);
      readUrl();
      update();
      showTarget();
      document.documentElement.setAttribute("data-ready", "1");
      if (window.performance && performance.mark) performance.mark("listbot:ready");
    }).catch(function (error) {
      el.count.textContent = "Could not load the papers (" + error.message + ").";
      document.documentElement.setAttribute("data-ready", "error");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
