// The lineage graph page: the model-level DAG filtered by a selection (dbt's syntax), laid out
// left to right by layout.js, drawn as SVG with zoom (wheel) and pan (drag). Clicking a node
// lists its columns in the side panel; clicking a column follows the column lineage both ways,
// draws the nodes it passes through and lights their columns. At most MAX_NODES are drawn,
// so a 10,000-model project stays responsive: big selections are cut with a message.
(function () {
  "use strict";
  var MAX_NODES = 250, COLUMN_ROW = 16, MAX_LIT_COLUMNS = 8;
  var DRAWN_TYPES = { model: 1, source: 1, seed: 1, snapshot: 1, exposure: 1, analysis: 1 };
  var NS = "http://www.w3.org/2000/svg";
  var esc = window.FlowcMarkdown.escape;
  var view = { k: 1, tx: 20, ty: 20 }, lastSelect = null;

  // A bounded default for big projects: the most connected model and its neighbours.
  function defaultSelection(app) {
    var items = app.items, drawable = 0, best = -1, bestDegree = -1;
    items.forEach(function (it, i) {
      if (!DRAWN_TYPES[it.type]) return;
      drawable++;
      // neighbours that are drawn (a model's tests would make the most tested one win)
      var d = it.parents.concat(app.children[i]).filter(function (j) { return DRAWN_TYPES[items[j].type]; }).length;
      if (it.type === "model" && d > bestDegree) { best = i; bestDegree = d; }
    });
    if (drawable <= MAX_NODES || best < 0) return "*";
    return "1+" + items[best].name + "+1";
  }

  // The selection ordered by distance from the focus (breadth-first over parents and children
  // within the selection), so a cut keeps the focus's neighbourhood.
  function nearestFirst(app, selected, focus) {
    var inSel = {}, seen = {}, order = [focus], h;
    selected.forEach(function (i) { inSel[i] = true; });
    seen[focus] = true;
    for (h = 0; h < order.length; h++) {
      var n = order[h];
      app.items[n].parents.concat(app.children[n]).forEach(function (m) {
        if (inSel[m] && !seen[m]) { seen[m] = true; order.push(m); }
      });
    }
    selected.forEach(function (i) { if (!seen[i]) order.push(i); });
    return order.filter(function (i) { return inSel[i]; });
  }

  function hashFor(p) {
    var parts = [];
    ["select", "focus", "column"].forEach(function (k) { if (p[k]) parts.push(k + "=" + encodeURIComponent(p[k])); });
    return "#!/graph" + (parts.length ? "?" + parts.join("&") : "");
  }

  function show(main, app, params) {
    var items = app.items;
    var select = params.select != null && params.select !== "" ? params.select : defaultSelection(app);
    var focus = params.focus != null && app.byId[params.focus] != null ? app.byId[params.focus] : -1;
    var column = focus >= 0 && params.column ? params.column : null;
    main.className = "graph-page";
    main.innerHTML = '<div id="graph-bar"><input id="graph-select" spellcheck="false" aria-label="Selection" value="' + esc(select) +
      '" title="dbt selection syntax: +orders+, tag:finance, 2+x, a b (union), a,b (intersection)">' +
      '<button id="graph-apply">Show</button><button id="graph-fit">Fit</button><span id="graph-message"></span></div>' +
      '<div id="graph-body"><div id="graph-canvas"></div><div id="graph-panel"></div></div>';
    var message = document.getElementById("graph-message"), input = document.getElementById("graph-select");
    function go(p) { app.navigate(hashFor(p)); }
    document.getElementById("graph-apply").onclick = function () { go({ select: input.value }); };
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") go({ select: input.value }); });

    if (column && !app.lineageLoaded()) {
      message.textContent = "Loading column lineage…";
      var here = location.hash;
      app.loadLineage(function (ok) {
        if (!ok) { message.className = "warn"; message.textContent = "lineage.js could not be loaded"; return; }
        if (location.hash === here) show(main, app, params);
      });
      return;
    }
    var selected;
    try {
      selected = window.FlowcSelect.select(app.graph, select).filter(function (i) { return DRAWN_TYPES[items[i].type]; });
    } catch (e) {
      message.className = "warn";
      message.textContent = e.message;
      selected = [];
    }

    // Column lineage of the chosen column: item -> {column index: true}
    var colIndex = column == null ? -1 : items[focus].cols.findIndex(function (c) { return c[0].toLowerCase() === column.toLowerCase(); });
    var lit = {}, up = [], down = [];
    if (colIndex >= 0) {
      up = app.columnLineage(focus, colIndex, "up");
      down = app.columnLineage(focus, colIndex, "down");
      [{ item: focus, col: colIndex }].concat(up, down).forEach(function (e) { (lit[e.item] = lit[e.item] || {})[e.col] = true; });
    }

    // What to draw: the focus and the lit nodes first, then the selection, up to MAX_NODES.
    var drawn = [], inDrawn = {};
    function add(i) { if (!inDrawn[i] && drawn.length < MAX_NODES) { inDrawn[i] = true; drawn.push(i); } }
    if (focus >= 0 && DRAWN_TYPES[items[focus].type]) add(focus);
    Object.keys(lit).forEach(function (k) { add(+k); });
    if (focus >= 0 && selected.length > MAX_NODES) selected = nearestFirst(app, selected, focus);
    selected.forEach(add);
    var total = selected.length + Object.keys(lit).filter(function (k) { return selected.indexOf(+k) < 0; }).length;
    if (!message.textContent) {
      if (total > drawn.length) {
        message.className = "warn";
        message.textContent = total + " nodes selected; drawing " + drawn.length + ". Narrow the selection (e.g. 2+name+2) to see the rest.";
      } else {
        message.className = "";
        message.textContent = drawn.length + " node" + (drawn.length === 1 ? "" : "s") + " · drag to pan, wheel to zoom, click a node for its columns";
      }
    }

    var pos = {};
    drawn.forEach(function (i, k) { pos[i] = k; });
    var edges = [];
    drawn.forEach(function (i, k) { items[i].parents.forEach(function (p) { if (pos[p] != null) edges.push([pos[p], k]); }); });
    var heights = drawn.map(function (i) {
      var n = lit[i] ? Math.min(MAX_LIT_COLUMNS, Object.keys(lit[i]).length) : 0;
      return 30 + n * COLUMN_ROW;
    });
    var L = window.FlowcLayout.layout(drawn.length, edges, heights);

    var canvas = document.getElementById("graph-canvas");
    var svg = document.createElementNS(NS, "svg"), g = document.createElementNS(NS, "g");
    svg.appendChild(g);
    canvas.appendChild(svg);
    var W = L.nodeWidth, parts = [];
    edges.forEach(function (e) {
      var a = e[0], b = e[1];
      var x1 = L.x[a] + W, y1 = L.y[a] + 15, x2 = L.x[b], y2 = L.y[b] + 15, mid = (x1 + x2) / 2;
      var cls = colIndex < 0 ? "edge" : (lit[drawn[a]] && lit[drawn[b]] ? "edge lit" : "edge dim");
      parts.push('<path class="' + cls + '" d="M' + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2 + '"/>');
    });
    drawn.forEach(function (i, k) {
      var it = items[i], cls = "node " + it.type + (i === focus ? " focus" : "") + (colIndex >= 0 ? (lit[i] ? " lit" : " dim") : "");
      // cut in the middle: generated and versioned names differ at their ends
      var label = it.name.length > 26 ? it.name.slice(0, 12) + "…" + it.name.slice(-13) : it.name;
      var s = '<g class="' + cls + '" data-item="' + i + '" transform="translate(' + L.x[k] + "," + L.y[k] + ')"><title>' + esc(it.type + " " + it.name) + "</title>" +
        '<rect width="' + W + '" height="' + heights[k] + '" rx="6"></rect><text x="10" y="19">' + esc(label) + "</text>";
      if (lit[i]) {
        Object.keys(lit[i]).slice(0, MAX_LIT_COLUMNS).forEach(function (c, r) {
          s += '<text class="colname" x="14" y="' + (19 + (r + 1) * COLUMN_ROW) + '">' + esc(it.cols[+c] ? it.cols[+c][0] : "?") + "</text>";
        });
      }
      parts.push(s + "</g>");
    });
    g.innerHTML = parts.join("");
    // When the graph was drawn, for scripts/docs_browser_test.py --measure.
    document.documentElement.setAttribute("data-graph-drawn-ms", String(Math.round(performance.now())));

    // ---- zoom and pan (kept while the selection stays the same)
    function apply() { g.setAttribute("transform", "translate(" + view.tx + "," + view.ty + ") scale(" + view.k + ")"); }
    function fit() {
      var w = canvas.clientWidth || 800, h = canvas.clientHeight || 600;
      if (!L.width || !L.height) { view = { k: 1, tx: 20, ty: 20 }; apply(); return; }
      var k = Math.min(1.2, (w - 40) / L.width, (h - 40) / L.height);
      k = Math.max(0.05, k);
      view = { k: k, tx: (w - L.width * k) / 2, ty: (h - L.height * k) / 2 };
      apply();
    }
    if (lastSelect !== select + "|" + (column || "")) fit(); else apply();
    lastSelect = select + "|" + (column || "");
    document.getElementById("graph-fit").onclick = fit;
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect(), px = e.clientX - r.left, py = e.clientY - r.top;
      var f = Math.exp(-e.deltaY * 0.0015), k = Math.min(4, Math.max(0.03, view.k * f));
      view.tx = px - (px - view.tx) * (k / view.k); view.ty = py - (py - view.ty) * (k / view.k); view.k = k;
      apply();
    }, { passive: false });
    var drag = null;
    svg.addEventListener("mousedown", function (e) { drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false }; canvas.className = "dragging"; });
    window.onmousemove = function (e) {
      if (!drag) return;
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
      view.tx = drag.tx + e.clientX - drag.x; view.ty = drag.ty + e.clientY - drag.y; apply();
    };
    window.onmouseup = function () { canvas.className = ""; setTimeout(function () { drag = null; }, 0); };
    svg.addEventListener("click", function (e) {
      if (drag && drag.moved) return;
      var node = e.target.closest ? e.target.closest("g.node") : null;
      if (!node) return;
      var i = +node.getAttribute("data-item");
      go({ select: select, focus: items[i].id });
    });

    // ---- the side panel: the focused node's columns, and the chosen column's lineage
    var panel = document.getElementById("graph-panel");
    if (focus < 0) {
      panel.innerHTML = '<p class="muted">Click a node to see its columns; click a column to follow its lineage.</p>' +
        '<p class="muted">Selection examples: <code>+fct_orders+</code>, <code>tag:finance</code>, <code>2+orders</code>, ' +
        "<code>staging.*</code>, <code>source:stripe+</code>, <code>a b</code> (union), <code>a,b</code> (intersection).</p>";
      return;
    }
    var it = items[focus];
    var html = "<h3>" + app.badge(it.type) + app.link(focus) + "</h3>";
    if (!it.cols.length) html += '<p class="muted">No columns known.</p>';
    html += it.cols.map(function (c, k) {
      return '<button class="col' + (k === colIndex ? " on" : "") + '" data-col="' + esc(c[0]) + '">' + esc(c[0]) +
        '<span class="type">' + esc(c[1]) + "</span></button>";
    }).join("");
    if (colIndex >= 0) {
      var li = function (attr) {
        return function (e) {
          var name = items[e.item].name + "." + (items[e.item].cols[e.col] ? items[e.item].cols[e.col][0] : "?");
          return "<li " + attr + '="' + esc(name) + '">' + esc(name) + ' <span class="muted">' + esc(e.kind) + "</span></li>";
        };
      };
      html += "<h3>Upstream of " + esc(it.cols[colIndex][0]) + "</h3>" + (up.length ? '<ul id="lineage-up">' + up.map(li("data-upstream")).join("") + "</ul>" : '<p class="muted">Nothing upstream.</p>');
      html += "<h3>Downstream</h3>" + (down.length ? '<ul id="lineage-down">' + down.map(li("data-downstream")).join("") + "</ul>" : '<p class="muted">Nothing reads it.</p>');
    }
    panel.innerHTML = html;
    Array.prototype.forEach.call(panel.querySelectorAll("button.col"), function (b) {
      b.onclick = function () {
        var name = b.getAttribute("data-col");
        go({ select: select, focus: it.id, column: name === column ? "" : name });
      };
    });
  }
  window.FlowcGraphView = { show: show, MAX_NODES: MAX_NODES };
})();
