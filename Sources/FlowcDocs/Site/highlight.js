// SQL and Jinja syntax highlighting for raw and compiled code: one left-to-right scan that
// classifies comments, Jinja tags, strings, quoted identifiers, numbers, keywords and function
// names, and escapes everything else. A scan rather than regexes over the whole text, so a
// quote inside a comment (or `--` inside a string) cannot confuse it.
(function () {
  "use strict";
  var KEYWORDS = ("select from where and or not in is null as on join left right inner outer full cross natural using " +
    "group by order having limit offset union all intersect except distinct case when then else end with recursive " +
    "insert into values update set delete create table view replace drop alter if exists cast between like ilike " +
    "asc desc nulls first last over partition rows range preceding following unbounded current row window filter " +
    "true false interval lateral qualify returning materialized temporary temp begin commit rollback merge matched " +
    "primary key references default index unique check constraint").split(" ");
  var isKeyword = {};
  KEYWORDS.forEach(function (k) { isKeyword[k] = true; });
  var esc = function (s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); };

  function sql(text) {
    var s = String(text || ""), out = [], i = 0, n = s.length;
    function span(cls, from, to) { out.push('<span class="' + cls + '">' + esc(s.slice(from, to)) + "</span>"); }
    function until(from, end) { var j = s.indexOf(end, from); return j < 0 ? n : j + end.length; }
    while (i < n) {
      var c = s[i], two = s.substr(i, 2), j;
      if (two === "{{" || two === "{%" || two === "{#") {
        j = until(i + 2, two === "{{" ? "}}" : two === "{%" ? "%}" : "#}");
        span(two === "{#" ? "com" : "jinja", i, j); i = j;
      } else if (two === "--") {
        j = s.indexOf("\n", i); j = j < 0 ? n : j; span("com", i, j); i = j;
      } else if (two === "/*") {
        j = until(i + 2, "*/"); span("com", i, j); i = j;
      } else if (c === "'") {
        j = i + 1;
        while (j < n) { if (s[j] === "'") { if (s[j + 1] === "'") { j += 2; continue; } j++; break; } j++; }
        span("str", i, j); i = j;
      } else if (c === '"' || c === "`") {
        j = until(i + 1, c); span("ident", i, j); i = j;
      } else if (/[0-9]/.test(c) && !/[A-Za-z0-9_]/.test(s[i - 1] || "")) {
        j = i; while (j < n && /[0-9.eE]/.test(s[j])) j++;
        span("num", i, j); i = j;
      } else if (/[A-Za-z_]/.test(c)) {
        j = i; while (j < n && /[A-Za-z0-9_$]/.test(s[j])) j++;
        var word = s.slice(i, j), k = j;
        while (k < n && s[k] === " ") k++;
        if (isKeyword[word.toLowerCase()]) span("kw", i, j);
        else if (s[k] === "(") span("fn", i, j);
        else out.push(esc(word));
        i = j;
      } else {
        j = i + 1;
        while (j < n && !/[A-Za-z0-9_'"`{\-\/]/.test(s[j])) j++;
        out.push(esc(s.slice(i, j))); i = j;
      }
    }
    return out.join("");
  }
  window.FlowcHighlight = { sql: sql };
})();
