// The docs site's pages: a hash router (#!/overview, #!/<type>/<unique_id>, #!/graph?…), the
// sidebar, item pages with columns, tests, SQL and dependencies, and the search box. Data comes
// from data.js (window.FLOWC_DOCS); an item's SQL from sql/<k>.js, loaded when a page shows it.
(function () {
  "use strict";
  var D = window.FLOWC_DOCS;
  var md = window.FlowcMarkdown, esc = md.escape;
  var main = document.getElementById("main");
  if (!D) { main.innerHTML = '<p>data.js is missing: run <code>flowc docs generate</code>.</p>'; return; }

  // ---- data.js leaves out fields at their default (see SiteWriter.swift); fill them in
  D.items.forEach(function (it) {
    it.pkg = it.pkg || D.meta.project; it.desc = it.desc || ""; it.tags = it.tags || []; it.mat = it.mat || it.type;
    it.rel = it.rel || ""; it.parents = it.parents || []; it.cols = it.cols || []; it.fqn = it.fqn || [];
    it.cols.forEach(function (c) { c[1] = c[1] || ""; c[2] = c[2] || ""; c[3] = c[3] || []; c[4] = c[4] || []; });
  });

  // ---- the graph: parents from the data, children derived; ids to positions
  var items = D.items, byId = {}, children = items.map(function () { return []; });
  items.forEach(function (it, i) {
    byId[it.id] = i;
    it.parents.forEach(function (p) { children[p].push(i); });
  });
  var graph = { items: items, parents: items.map(function (it) { return it.parents; }), children: children };

  // ---- column lineage (lineage.js calls flowcLineage(edges) when loaded), indexed by the node
  // an edge enters and the node it leaves
  var KINDS = { c: "copy", t: "transform", a: "aggregate", f: "filter", j: "join" };
  var edges = null, lineageWaiting = [], upInto = null, downFrom = null;
  window.flowcLineage = function (list) {
    list.forEach(function (e) { e[4] = KINDS[e[4]] || e[4]; });
    edges = list;
    lineageWaiting.splice(0).forEach(function (f) { f(true); });
  };
  // static_index.html carries lineage.js and the SQL chunks inline, read before this script
  if (window.__flowcPreloaded && window.__flowcPreloaded.lineage) window.flowcLineage(window.__flowcPreloaded.lineage);
  // Calls done(loaded) once lineage.js is in (at once when it already is).
  function loadLineage(done) {
    if (edges) return done(true);
    lineageWaiting.push(done);
    if (lineageWaiting.length > 1) return;
    var s = document.createElement("script");
    s.src = "lineage.js";
    s.onerror = function () { edges = []; lineageWaiting.splice(0).forEach(function (f) { f(false); }); };
    document.body.appendChild(s);
  }
  function indexEdges() {
    if (upInto) return;
    upInto = {}; downFrom = {};
    (edges || []).forEach(function (e) {
      (upInto[e[2]] = upInto[e[2]] || []).push(e);
      (downFrom[e[0]] = downFrom[e[0]] || []).push(e);
    });
  }
  // Every column `item.col` reads (direction "up") or that reads it ("down"), transitively:
  // [{item, col, kind, depth}], nearest first.
  function columnLineage(item, col, direction) {
    indexEdges();
    var seen = {}, out = [], queue = [[item, col, 0]];
    seen[item + ":" + col] = true;
    for (var h = 0; h < queue.length; h++) {
      var q = queue[h], list = (direction === "up" ? upInto : downFrom)[q[0]] || [];
      list.forEach(function (e) {
        var next = direction === "up" ? (e[3] === q[1] && e[3] >= 0 ? [e[0], e[1]] : null)
                                      : (e[1] === q[1] && e[3] >= 0 ? [e[2], e[3]] : null);
        if (!next) return;
        var key = next[0] + ":" + next[1];
        if (seen[key]) return;
        seen[key] = true;
        out.push({ item: next[0], col: next[1], kind: e[4], depth: q[2] + 1 });
        queue.push([next[0], next[1], q[2] + 1]);
      });
    }
    return out;
  }

  // ---- SQL chunks: sql/<k>.js calls flowcSQL(k, [[raw, compiled], …])
  var chunks = (window.__flowcPreloaded && window.__flowcPreloaded.sql) || {}, waiting = {};
  window.flowcSQL = function (k, rows) {
    chunks[k] = rows;
    (waiting[k] || []).forEach(function (f) { f(rows); });
    delete waiting[k];
  };
  function loadSQL(i, done) {
    var k = Math.floor(i / D.meta.sql_chunk), at = i % D.meta.sql_chunk;
    if (chunks[k]) return done(chunks[k][at]);
    var first = !waiting[k];
    (waiting[k] = waiting[k] || []).push(function (rows) { done(rows[at]); });
    if (!first) return;
    var s = document.createElement("script");
    s.src = "sql/" + k + ".js";
    s.onerror = function () { done(null); };
    document.body.appendChild(s);
  }

  var TYPES = [["model", "Models"], ["source", "Sources"], ["seed", "Seeds"], ["snapshot", "Snapshots"],
               ["analysis", "Analyses"], ["exposure", "Exposures"], ["test", "Tests"], ["macro", "Macros"]];
  var SIDEBAR_LIMIT = 500;

  function link(i) {
    var it = items[i];
    return '<a href="#!/' + it.type + "/" + encodeURIComponent(it.id) + '">' + esc(it.name) + "</a>";
  }
  // The selection that names an item (bare names select by fqn, which sources and exposures lack).
  function selectorFor(it) {
    return it.type === "source" ? "source:" + it.name : it.type === "exposure" ? "exposure:" + it.name : it.name;
  }
  function badge(type) { return '<span class="badge ' + esc(type) + '">' + esc(type) + "</span>"; }
  function tags(list) { return list.map(function (t) { return '<span class="tag">' + esc(t) + "</span>"; }).join(""); }

  // ---- sidebar: one collapsed list per resource type, filled when opened
  function renderSidebar() {
    var side = document.getElementById("sidebar"), html = "";
    TYPES.forEach(function (t) {
      var n = items.reduce(function (s, it) { return s + (it.type === t[0] ? 1 : 0); }, 0);
      if (n) html += '<details data-type="' + t[0] + '"' + (t[0] === "model" && n <= 200 ? " open" : "") + "><summary>" +
        t[1] + ' <span class="muted">' + n + "</span></summary><div></div></details>";
    });
    side.innerHTML = html;
    function fill(d) {
      var box = d.querySelector("div");
      if (box.childNodes.length) return;
      var list = [];
      items.forEach(function (it, i) { if (it.type === d.getAttribute("data-type")) list.push(i); });
      list.sort(function (a, b) { return items[a].name < items[b].name ? -1 : items[a].name > items[b].name ? 1 : 0; });
      var more = list.length - SIDEBAR_LIMIT;
      box.innerHTML = list.slice(0, SIDEBAR_LIMIT).map(function (i) {
        return '<a href="#!/' + items[i].type + "/" + encodeURIComponent(items[i].id) + '" title="' + esc(items[i].name) + '">' + esc(items[i].name) + "</a>";
      }).join("") + (more > 0 ? '<div class="more">… and ' + more + " more: use the search box</div>" : "");
    }
    Array.prototype.forEach.call(side.querySelectorAll("details"), function (d) {
      if (d.open) fill(d);
      d.addEventListener("toggle", function () { if (d.open) fill(d); });
    });
  }

  // ---- pages
  function overview() {
    var counts = {};
    items.forEach(function (it) { counts[it.type] = (counts[it.type] || 0) + 1; });
    var cards = TYPES.filter(function (t) { return counts[t[0]]; }).map(function (t) {
      return '<div class="card"><b>' + counts[t[0]] + "</b>" + t[1] + "</div>";
    }).join("");
    var text = D.overview || "This site documents the **" + D.meta.project + "** project: open a model from the list on the left, " +
      "search by name, description or column above, or explore the [lineage graph](#!/graph).";
    main.className = "";
    main.innerHTML = '<h1>' + esc(D.meta.project) + '</h1><div class="meta"><span>' + esc(D.meta.adapter) + "</span><span>generated " +
      esc(D.meta.generated_at) + "</span><span>flowc " + esc(D.meta.flowc_version) + "</span>" +
      (D.meta.catalog ? "" : "<span>no catalog: column types come from the YAML and the SQL</span>") + "</div>" +
      '<div class="cards">' + cards + '</div><div class="markdown">' + md.render(text) + "</div>";
  }

  function itemPage(i) {
    var it = items[i];
    var meta = [];
    if (it.rel) meta.push(it.type === "exposure" ? '<a href="' + esc(it.rel) + '">' + esc(it.rel) + "</a>" : "relation <code>" + esc(it.rel) + "</code>");
    if (it.path) meta.push("<code>" + esc(it.path) + "</code>");
    meta.push("package " + esc(it.pkg));
    if (it.rows != null) meta.push(it.rows.toLocaleString("en") + " rows");
    if (it.lineage) meta.push("column lineage " + esc(it.lineage));
    (it.info || []).forEach(function (kv) { meta.push(esc(kv[0]) + " <b>" + esc(kv[1]) + "</b>"); });
    var html = "<h1>" + esc(it.name) + "</h1><div>" + badge(it.type) + (it.mat && it.mat !== it.type ? badge(it.mat) : "") + tags(it.tags) + "</div>" +
      '<div class="meta">' + meta.map(function (m) { return "<span>" + m + "</span>"; }).join("") + "</div>" +
      '<div class="markdown">' + (it.desc ? md.render(it.desc) : '<p class="muted">No description.</p>') + "</div>";
    var graphable = it.type !== "macro" && it.type !== "test";
    if (it.cols.length) {
      html += "<h2>Columns</h2><table class=\"columns\"><tr><th>Column</th><th>Type</th><th>Description</th><th>Tests</th><th></th></tr>" +
        it.cols.map(function (c) {
          var lineage = graphable ? '<a class="col-lineage" href="#!/graph?select=' + encodeURIComponent(selectorFor(it)) + "&focus=" +
            encodeURIComponent(it.id) + "&column=" + encodeURIComponent(c[0]) + '">lineage</a>' : "";
          return '<tr data-column="' + esc(c[0]) + '"><td><b>' + esc(c[0]) + "</b> " + tags(c[3]) + '</td><td class="type">' + esc(c[1]) +
            '</td><td class="markdown">' + md.render(c[2]) + "</td><td>" +
            c[4].map(function (t) { return '<span class="test">' + esc(t) + "</span>"; }).join("") + "</td><td>" + lineage + "</td></tr>";
        }).join("") + "</table>";
    }
    if (graphable) {
      html += '<h2>Lineage</h2><p><a href="#!/graph?select=' + encodeURIComponent("+" + selectorFor(it) + "+") +
        "&focus=" + encodeURIComponent(it.id) + '">Show in the lineage graph</a></p>';
    }
    var up = it.parents, down = children[i];
    if (up.length || down.length) {
      html += '<h2>Dependencies</h2><div style="display:flex;gap:40px;flex-wrap:wrap"><div><b>Depends on</b> <span class="muted">' + up.length +
        '</span><ul class="deps" id="upstream">' + up.map(function (p) { return "<li>" + badge(items[p].type) + link(p) + "</li>"; }).join("") +
        '</ul></div><div><b>Referenced by</b> <span class="muted">' + down.length + '</span><ul class="deps" id="downstream">' +
        down.slice(0, 300).map(function (c) { return "<li>" + badge(items[c].type) + link(c) + "</li>"; }).join("") +
        (down.length > 300 ? "<li>… " + (down.length - 300) + " more</li>" : "") + "</ul></div></div>";
    }
    if (it.sql) html += '<h2>Code</h2><div class="tabs" id="code-tabs"></div><pre class="sql" id="code"><span class="muted">Loading…</span></pre>';
    main.className = "";
    main.innerHTML = html;
    if (it.sql) {
      loadSQL(i, function (row) {
        var pre = document.getElementById("code"), tabsBox = document.getElementById("code-tabs");
        if (!pre || currentItem !== i) return;
        if (!row) { pre.textContent = "The SQL file of this item could not be loaded."; return; }
        var tabs = [];
        if (row[0]) tabs.push(["Source", row[0]]);
        if (row[1]) tabs.push(["Compiled", row[1]]);
        function show(k) {
          pre.innerHTML = window.FlowcHighlight.sql(tabs[k][1]);
          Array.prototype.forEach.call(tabsBox.children, function (b, j) { b.className = j === k ? "on" : ""; });
        }
        tabsBox.innerHTML = tabs.map(function (t) { return "<button>" + t[0] + "</button>"; }).join("");
        Array.prototype.forEach.call(tabsBox.children, function (b, k) { b.onclick = function () { show(k); }; });
        show(tabs.length > 1 ? 1 : 0);
        document.documentElement.setAttribute("data-sql-shown-ms", String(Math.round(performance.now())));
      });
    }
  }

  // ---- search over names, descriptions and column names
  var searchIndex = null;
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    if (!searchIndex) searchIndex = items.map(function (it) {
      return { name: it.name.toLowerCase(), desc: it.desc.toLowerCase(), cols: it.cols.map(function (c) { return c[0].toLowerCase(); }) };
    });
    var hits = [];
    searchIndex.forEach(function (s, i) {
      var score = 0, why = "";
      if (s.name === q) score = 100;
      else if (s.name.indexOf(q) === 0) score = 80;
      else if (s.name.indexOf(q) >= 0) score = 60;
      var col = s.cols.indexOf(q) >= 0 ? q : null;
      if (!col) for (var k = 0; k < s.cols.length; k++) if (s.cols[k].indexOf(q) >= 0) { col = s.cols[k]; break; }
      if (col && score < 40) { score = col === q ? 45 : 40; why = "column " + col; }
      if (!score && s.desc.indexOf(q) >= 0) {
        score = 20;
        var at = s.desc.indexOf(q);
        why = (at > 30 ? "…" : "") + items[i].desc.slice(Math.max(0, at - 30), at + q.length + 50);
      }
      // Tests are named after their model and column (not_null_orders_id), so they would bury
      // the models themselves: they rank below any column or description match.
      if (score && items[i].type === "test") score = Math.min(score, 10);
      if (score) hits.push({ i: i, score: score + (items[i].type === "model" ? 1 : 0), why: why });
    });
    hits.sort(function (a, b) { return b.score - a.score || (items[a.i].name < items[b.i].name ? -1 : 1); });
    return hits.slice(0, 40);
  }
  function setupSearch() {
    var input = document.getElementById("search"), box = document.getElementById("search-results");
    function update() {
      var hits = search(input.value);
      if (!input.value.trim()) { box.hidden = true; return; }
      box.innerHTML = hits.length ? hits.map(function (h) {
        var it = items[h.i];
        return '<a href="#!/' + it.type + "/" + encodeURIComponent(it.id) + '">' + badge(it.type) + esc(it.name) +
          (h.why ? '<span class="why">' + esc(h.why) + "</span>" : "") + "</a>";
      }).join("") : '<a class="muted">No match</a>';
      box.hidden = false;
    }
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; box.hidden = true; }
      if (e.key === "Enter") { var a = box.querySelector("a[href]"); if (a) { location.hash = a.getAttribute("href"); box.hidden = true; } }
    });
    box.addEventListener("click", function () { box.hidden = true; });
    document.addEventListener("click", function (e) { if (!document.getElementById("search-box").contains(e.target)) box.hidden = true; });
  }

  // ---- router
  var currentItem = -1;
  function parseHash(h) {
    var m = /^#!\/([^?]*)(?:\?(.*))?$/.exec(h || "");
    var path = m ? m[1] : "overview", params = {};
    (m && m[2] ? m[2].split("&") : []).forEach(function (kv) {
      var at = kv.indexOf("="), k = at < 0 ? kv : kv.slice(0, at), v = at < 0 ? "" : kv.slice(at + 1);
      try { params[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, "%20")); } catch (e) { params[k] = v; }
    });
    return { path: path, params: params };
  }
  var lastRouted = null;
  function route() {
    lastRouted = location.hash;
    var r = parseHash(location.hash), slash = r.path.indexOf("/");
    currentItem = -1;
    // The graph wants the whole width; the sidebar comes back on every other page.
    document.body.className = r.path === "graph" ? "graph-mode" : "";
    Array.prototype.forEach.call(document.querySelectorAll("#sidebar a.current"), function (a) { a.className = ""; });
    if (r.path === "graph") {
      window.FlowcGraphView.show(main, app, r.params);
    } else if (slash > 0) {
      var id; try { id = decodeURIComponent(r.path.slice(slash + 1)); } catch (e) { id = r.path.slice(slash + 1); }
      var i = byId[id];
      if (i == null) { main.className = ""; main.innerHTML = "<h1>Not found</h1><p>No item <code>" + esc(id) + '</code> in this project. <a href="#!/overview">Overview</a></p>'; return; }
      currentItem = i;
      itemPage(i);
      var a = document.querySelector('#sidebar a[href="#!/' + items[i].type + "/" + encodeURIComponent(id) + '"]');
      if (a) a.className = "current";
      main.scrollTop = 0;
    } else if (r.path !== "selftest") {
      overview();
    }
  }

  var app = {
    data: D, items: items, byId: byId, graph: graph, children: children, columnLineage: columnLineage, loadLineage: loadLineage,
    lineageLoaded: function () { return !!edges; },
    parseHash: parseHash, route: route, link: link, badge: badge, search: search, loadSQL: loadSQL,
    // pushState, unlike assigning location.hash, changes the page at once (the self-test and
    // the graph rely on that) and adds a history entry all the same.
    navigate: function (hash) {
      try { history.pushState(null, "", hash); } catch (e) { location.hash = hash; return; }
      route();
    }
  };
  window.FlowcApp = app;
  document.getElementById("project-name").textContent = D.meta.project;
  document.title = D.meta.project + " · flowc docs";
  renderSidebar();
  setupSearch();
  // Back and forward over pushState entries fire popstate and, as the fragment changes,
  // hashchange too: render once.
  function onHistory() { if (location.hash !== lastRouted) route(); }
  window.addEventListener("hashchange", onHistory);
  window.addEventListener("popstate", onHistory);
  route();
  // Time from navigation start to the first page drawn, for scripts/docs_browser_test.py.
  window.__flowcFirstRender = performance.now();
  document.documentElement.setAttribute("data-first-render-ms", String(Math.round(window.__flowcFirstRender)));
  document.documentElement.setAttribute("data-data-parsed-ms", String(Math.round(window.__flowcDataParsed || -1)));
})();
