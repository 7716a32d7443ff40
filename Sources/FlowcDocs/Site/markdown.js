// A small Markdown renderer for descriptions and doc blocks: headings, paragraphs, lists,
// fenced and indented code, block quotes, rules, tables of pipes, and inline code, emphasis,
// links and autolinks. Text is escaped first, and links keep only http(s), mailto, relative and
// #hash targets, so a description cannot inject script into the page.
(function () {
  "use strict";
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function safeURL(u) {
    u = u.trim();
    if (/^(https?:|mailto:|#|\/|\.\/|\.\.\/)/i.test(u) || !/^[a-z][a-z0-9+.-]*:/i.test(u)) return u;
    return "#";
  }
  function inline(text) {
    // Code spans first, kept aside so their contents are not formatted.
    var codes = [];
    var s = text.replace(/`([^`]+)`/g, function (_, c) { codes.push("<code>" + esc(c) + "</code>"); return "\u0000" + (codes.length - 1) + "\u0000"; });
    s = esc(s);
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, function (_, label, url) {
      return '<a href="' + esc(safeURL(url.replace(/&amp;/g, "&"))) + '">' + label + "</a>";
    });
    s = s.replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, '$1<a href="$2">$2</a>');
    s = s.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/__([^_]+)__/g, "<strong>$1</strong>");
    s = s.replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>").replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, "$1<em>$2</em>");
    return s.replace(/\u0000(\d+)\u0000/g, function (_, i) { return codes[+i]; });
  }
  function render(src) {
    var lines = String(src || "").replace(/\r\n?/g, "\n").split("\n");
    var out = [], i = 0;
    function isBlank(l) { return /^\s*$/.test(l); }
    while (i < lines.length) {
      var line = lines[i];
      if (isBlank(line)) { i++; continue; }
      var m;
      if ((m = /^\s*(```|~~~)\s*(\S*)/.exec(line))) {
        var fence = m[1], body = [];
        i++;
        while (i < lines.length && lines[i].trim().indexOf(fence) !== 0) body.push(lines[i++]);
        i++;
        var lang = m[2].toLowerCase();
        var code = (lang === "sql" || lang === "jinja") && window.FlowcHighlight ? window.FlowcHighlight.sql(body.join("\n")) : esc(body.join("\n"));
        out.push('<pre class="' + (lang === "sql" ? "sql" : "") + '"><code>' + code + "</code></pre>");
        continue;
      }
      if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
        var level = Math.min(6, m[1].length + 1);   // the page's h1 is the node's name
        out.push("<h" + level + ">" + inline(m[2]) + "</h" + level + ">");
        i++; continue;
      }
      if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) { out.push("<hr>"); i++; continue; }
      if (/^ {4}|\t/.test(line)) {
        var pre = [];
        while (i < lines.length && (/^ {4}|\t/.test(lines[i]) || isBlank(lines[i]))) pre.push(lines[i++].replace(/^( {4}|\t)/, ""));
        out.push("<pre><code>" + esc(pre.join("\n").replace(/\n+$/, "")) + "</code></pre>");
        continue;
      }
      if (/^\s*>/.test(line)) {
        var quote = [];
        while (i < lines.length && /^\s*>/.test(lines[i])) quote.push(lines[i++].replace(/^\s*> ?/, ""));
        out.push("<blockquote>" + render(quote.join("\n")) + "</blockquote>");
        continue;
      }
      if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
        var ordered = /^\s*\d/.test(line), items = [];
        while (i < lines.length && !isBlank(lines[i])) {
          var li = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(lines[i]);
          if (li) items.push(li[2]); else if (items.length) items[items.length - 1] += " " + lines[i].trim();
          i++;
        }
        var tag = ordered ? "ol" : "ul";
        out.push("<" + tag + ">" + items.map(function (t) { return "<li>" + inline(t) + "</li>"; }).join("") + "</" + tag + ">");
        continue;
      }
      if (/\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1])) {
        var cells = function (l) { return l.trim().replace(/^\||\|$/g, "").split("|").map(function (c) { return inline(c.trim()); }); };
        var head = cells(line), rows = [];
        i += 2;
        while (i < lines.length && /\|/.test(lines[i]) && !isBlank(lines[i])) rows.push(cells(lines[i++]));
        out.push('<table class="columns"><tr>' + head.map(function (c) { return "<th>" + c + "</th>"; }).join("") + "</tr>" +
          rows.map(function (r) { return "<tr>" + r.map(function (c) { return "<td>" + c + "</td>"; }).join("") + "</tr>"; }).join("") + "</table>");
        continue;
      }
      var para = [];
      while (i < lines.length && !isBlank(lines[i]) && !/^(#{1,6}\s|\s*```|\s*~~~|\s*>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i])) para.push(lines[i++].trim());
      if (!para.length) para.push(lines[i++].trim());
      out.push("<p>" + inline(para.join(" ")) + "</p>");
    }
    return out.join("\n");
  }
  window.FlowcMarkdown = { render: render, escape: esc };
})();
