// dbt's node selection syntax over the site's DAG, in the browser: space-separated terms are a
// union, comma-joined atoms an intersection; an atom is `[@][N+]method:value[+N]` or a bare name,
// fqn path (`staging.*`) or file path. Methods: tag, resource_type, path, file, source, fqn,
// package, config.<key> (materialized), exposure, name. Faithful to flowc's (and dbt's) meaning
// for these; selectors.yml and state comparison are command-line only.
(function () {
  "use strict";
  function globRegex(pattern) {
    var re = "^" + pattern.split("").map(function (ch) {
      if (ch === "*") return ".*";
      if (ch === "?") return ".";
      return ch.replace(/[.+^${}()|[\]\\\/-]/g, "\\$&");
    }).join("") + "$";
    return new RegExp(re, "i");
  }
  function hasGlob(s) { return /[*?]/.test(s); }
  function eq(a, b) { return String(a).toLowerCase() === String(b).toLowerCase(); }

  // The predicate an atom's method and value describe.
  function matcher(method, value) {
    var g = globRegex(value);
    var test = function (s) { return s != null && g.test(String(s)); };
    switch (method) {
      case "tag": return function (it) { return it.tags.some(test); };
      case "resource_type": return function (it) { return eq(it.type, value); };
      case "path": return function (it) {
        var v = value.replace(/\/+$/, "");
        return hasGlob(v) ? test(it.path) : (eq(it.path, v) || it.path.toLowerCase().indexOf(v.toLowerCase() + "/") === 0);
      };
      case "file": return function (it) { var f = it.path.split("/").pop(); return test(f) || test(f.replace(/\.[^.]*$/, "")); };
      case "package": return function (it) { return test(it.pkg); };
      case "exposure": return function (it) { return it.type === "exposure" && test(it.name); };
      case "name": return function (it) { return test(it.name); };
      case "source": return function (it) {
        if (it.type !== "source") return false;
        var parts = value.split(".");
        if (parts.length === 1) return test(it.src);
        return globRegex(parts[0]).test(it.src) && globRegex(parts.slice(1).join(".")).test(it.name.slice(it.src.length + 1));
      };
      case "fqn": var f = fqnMatcher(value); return function (it) { return it.type !== "source" && it.type !== "macro" && f(it); };
      default:
        if (method.indexOf("config.") === 0) {
          var key = method.slice(7);
          if (key === "materialized") return function (it) { return test(it.mat); };
          if (key === "tags") return function (it) { return it.tags.some(test); };
          throw new Error("the site knows config.materialized and config.tags only, not '" + method + "'");
        }
        throw new Error("unknown selection method '" + method + "' (use tag, resource_type, path, file, source, fqn, package, config.materialized, exposure)");
    }
  }
  // `staging.*` / `marts.fct_payments` / `fct_payments`: fqn parts from the start, with or
  // without the project name.
  function fqnMatcher(value) {
    var parts = value.split(".").map(globRegex);
    return function (it) {
      var fqn = it.fqn || [];
      function at(offset) {
        if (fqn.length - offset < parts.length) return false;
        for (var i = 0; i < parts.length; i++) if (!parts[i].test(fqn[offset + i])) return false;
        // a bare prefix selects the folder: every node under it
        return true;
      }
      return at(0) || at(1) || (parts.length === 1 && parts[0].test(it.name));
    };
  }
  function defaultMatcher(value) {
    if (value.indexOf("/") >= 0 || /\.(sql|csv|py|yml)$/i.test(value)) return matcher("path", value);
    var fqn = fqnMatcher(value), g = globRegex(value);
    return function (it) {
      // as flowc and dbt: a bare name selects by fqn, which sources are not matched by (use
      // source:); exposures are
      if (it.type === "source" || it.type === "macro") return false;
      return g.test(it.name) || fqn(it);
    };
  }
  function walk(starts, next, depth) {
    var seen = {}, out = [], frontier = starts.slice(), d = 0;
    starts.forEach(function (s) { seen[s] = true; });
    while (frontier.length && (depth == null || d < depth)) {
      var nextFrontier = [];
      frontier.forEach(function (n) {
        next[n].forEach(function (m) { if (!seen[m]) { seen[m] = true; out.push(m); nextFrontier.push(m); } });
      });
      frontier = nextFrontier; d++;
    }
    return out;
  }
  function atom(graph, text) {
    var m = /^(@)?(?:(\d*)\+)?(.*?)(?:\+(\d*))?$/.exec(text);
    var at = !!m[1], up = m[2] != null, upDepth = m[2] ? +m[2] : null;
    var down = m[4] != null, downDepth = m[4] ? +m[4] : null, body = m[3];
    if (!body) throw new Error("empty selector in '" + text + "'");
    var colon = body.indexOf(":");
    var pred = colon > 0 ? matcher(body.slice(0, colon), body.slice(colon + 1)) : defaultMatcher(body);
    var base = [];
    graph.items.forEach(function (it, i) { if (it.type !== "macro" && pred(it)) base.push(i); });
    var result = {};
    base.forEach(function (i) { result[i] = true; });
    if (at) {
      var desc = walk(base, graph.children, null);
      desc.forEach(function (i) { result[i] = true; });
      walk(base.concat(desc), graph.parents, null).forEach(function (i) { result[i] = true; });
    } else {
      if (up) walk(base, graph.parents, upDepth).forEach(function (i) { result[i] = true; });
      if (down) walk(base, graph.children, downDepth).forEach(function (i) { result[i] = true; });
    }
    return result;
  }
  // The indices (sorted) that `spec` selects; throws Error with a readable message.
  function select(graph, spec) {
    var union = {};
    String(spec || "").trim().split(/\s+/).filter(Boolean).forEach(function (term) {
      var sets = term.split(",").filter(Boolean).map(function (a) { return atom(graph, a); });
      if (!sets.length) return;
      Object.keys(sets[0]).forEach(function (k) {
        if (sets.every(function (s) { return s[k]; })) union[k] = true;
      });
    });
    return Object.keys(union).map(Number).sort(function (a, b) { return a - b; });
  }
  window.FlowcSelect = { select: select, glob: globRegex };
})();
