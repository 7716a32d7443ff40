// An in-page self-test for scripts/docs_browser_test.py, run only when the page opens at
// #!/selftest?model=M&column=C&expect=a.x,b.y: it opens the model's page, waits for its SQL,
// opens the column's lineage in the graph, checks the expected upstream columns are listed,
// searches for the column, and writes "SELFTEST PASS" or "SELFTEST FAIL" with details into
// <pre id="selftest"> (which headless Chromium's --dump-dom prints), plus load timings.
(function () {
  "use strict";
  var app = window.FlowcApp;
  var start = /^#!\/selftest(\?.*)?$/.exec(location.hash || "");
  if (!start) return;
  var log = [], failed = false;
  function check(ok, what) { log.push((ok ? "ok   " : "FAIL ") + what); if (!ok) failed = true; }
  function finish() {
    var errors = window.__flowcErrors || [];
    check(errors.length === 0, "no console errors" + (errors.length ? ": " + errors.join(" | ") : ""));
    log.push("timing: first render " + Math.round(window.__flowcFirstRender || -1) + " ms after navigation start, " +
             (app ? app.items.length : 0) + " items, " + (app ? app.data.meta.edges : 0) + " column edges");
    var pre = document.createElement("pre");
    pre.id = "selftest";
    pre.textContent = (failed ? "SELFTEST FAIL" : "SELFTEST PASS") + "\n" + log.join("\n") + "\nSELFTEST END";
    document.body.appendChild(pre);
    document.title = failed ? "SELFTEST FAIL" : "SELFTEST PASS";
  }
  if (!app) { check(false, "the app started (window.FlowcApp)"); return finish(); }
  var p = app.parseHash(location.hash).params;
  // Waits (up to `ms`) for `cond()` to hold, then calls next(held).
  function waitFor(cond, ms, next) {
    var t0 = Date.now();
    (function poll() {
      var v = false;
      try { v = cond(); } catch (e) { v = false; }
      if (v || Date.now() - t0 > ms) next(!!v); else setTimeout(poll, 25);
    })();
  }
  check(app.items.length > 0, "data.js loaded (" + app.items.length + " items)");
  // Descriptions are user text: the renderers must escape markup and drop script links.
  var md = window.FlowcMarkdown.render("# T\n\n<script>bad()</script> **b** [x](javascript:bad()) `<i>`\n\n- one\n- two");
  check(md.indexOf("<script") < 0 && md.indexOf("javascript:") < 0 && md.indexOf("<strong>b</strong>") >= 0 &&
        md.indexOf("<li>two</li>") >= 0 && md.indexOf("<code>&lt;i&gt;</code>") >= 0, "markdown escapes markup and drops script links");
  var hl = window.FlowcHighlight.sql("select '<b>' -- </span>\nfrom {{ ref('x') }}");
  check(hl.indexOf("<b>") < 0 && hl.indexOf('<span class="kw">select</span>') >= 0 && hl.indexOf('<span class="jinja">') >= 0,
        "SQL highlighting escapes its input");
  // `sel` lists selections (separated by ";") whose results the browser script compares with
  // `flowc ls`: names, sorted, tests left out (the graph never draws them).
  (p.sel ? p.sel.split(";") : []).forEach(function (spec) {
    var names;
    try {
      names = window.FlowcSelect.select(app.graph, spec).filter(function (i) { return app.items[i].type !== "test"; })
        .map(function (i) { return app.items[i].name; }).sort();
    } catch (e) { names = ["error: " + e.message]; }
    log.push("select " + spec + " => " + names.join(" "));
  });
  if (!p.model) return finish();
  var id = null;
  app.items.forEach(function (it) { if (it.type === "model" && it.name === p.model) id = it.id; });
  check(id != null, "model " + p.model + " is in the data");
  if (id == null) return finish();
  var t0 = performance.now();
  app.navigate("#!/model/" + encodeURIComponent(id));
  var h1 = document.querySelector("main h1");
  check(h1 && h1.textContent === p.model, "the model page shows its name");
  var rows = document.querySelectorAll("table.columns tr[data-column]").length;
  check(rows > 0, "the model page lists columns (" + rows + ")");
  check(!p.column || !!document.querySelector('tr[data-column="' + CSS.escape(p.column) + '"]'), "column " + p.column + " is listed");
  waitFor(function () { return /select/i.test(document.getElementById("code").textContent); }, 5000, function (ok) {
    check(ok, "the compiled SQL loaded and is highlighted (" + document.querySelectorAll("#code .kw").length + " keywords)");
    log.push("timing: model page with SQL " + Math.round(performance.now() - t0) + " ms");
    if (!p.column) return finish();
    var t1 = performance.now();
    app.navigate("#!/graph?select=" + encodeURIComponent(p.model) + "&focus=" + encodeURIComponent(id) + "&column=" + encodeURIComponent(p.column));
    waitFor(function () { return document.getElementById("graph-panel") && document.querySelector("#graph-canvas g.node"); }, 8000, function (ok2) {
      check(ok2, "the graph page draws nodes (" + document.querySelectorAll("#graph-canvas g.node").length + ")");
      log.push("timing: graph with column lineage " + Math.round(performance.now() - t1) + " ms");
      var found = Array.prototype.map.call(document.querySelectorAll("#lineage-up li"), function (li) { return li.getAttribute("data-upstream"); });
      (p.expect ? p.expect.split(",") : []).forEach(function (want) {
        check(found.indexOf(want) >= 0, "upstream of " + p.model + "." + p.column + " includes " + want + " (found: " + found.join(", ") + ")");
      });
      var lit = document.querySelectorAll("#graph-canvas g.node.lit").length;
      check(lit >= 2, "the lineage lights nodes in the graph (" + lit + ")");
      var byName = app.search(p.model).map(function (h) { return app.items[h.i].name; });
      check(byName[0] === p.model, "searching '" + p.model + "' finds it first");
      var byColumn = app.search(p.column).filter(function (h) { return h.why === "column " + p.column.toLowerCase(); });
      check(byColumn.length > 0, "searching '" + p.column + "' finds nodes by that column (" + byColumn.length + ")");
      history.back();
      waitFor(function () { var h = document.querySelector("main h1"); return h && h.textContent === p.model; }, 3000, function (back) {
        check(back, "the browser's Back button returns from the graph to the model page");
        finish();
      });
    });
  });
})();
