// Layered left-to-right DAG layout, the same steps as flowc's Swift DagLayout (used for
// `flowc docs graph` SVGs): longest-path layering from the roots so every edge points right,
// then barycentric ordering within layers, sweeping right and left a few times. Nodes may have
// different heights (a model showing its lineage columns grows), so rows stack by height.
(function () {
  "use strict";
  var W = 200, LAYER_GAP = 56, ROW_GAP = 14, NODE_H = 30;

  function layout(count, edges, heights, sweeps) {
    var parents = [], children = [], i;
    for (i = 0; i < count; i++) { parents.push([]); children.push([]); }
    edges.forEach(function (e) {
      var p = e[0], c = e[1];
      if (p >= 0 && p < count && c >= 0 && c < count && p !== c) { parents[c].push(p); children[p].push(c); }
    });
    // Kahn's topological order; anything on a cycle goes last rather than looping.
    var indegree = parents.map(function (p) { return p.length; });
    var order = [];
    for (i = 0; i < count; i++) if (indegree[i] === 0) order.push(i);
    for (var h = 0; h < order.length; h++) {
      children[order[h]].forEach(function (c) { if (--indegree[c] === 0) order.push(c); });
    }
    var placed = {};
    order.forEach(function (n) { placed[n] = true; });
    for (i = 0; i < count; i++) if (!placed[i]) order.push(i);

    var layer = new Array(count).fill(0), done = new Array(count).fill(false);
    order.forEach(function (n) {
      parents[n].forEach(function (p) { if (done[p]) layer[n] = Math.max(layer[n], layer[p] + 1); });
      done[n] = true;
    });
    var layerCount = count ? Math.max.apply(null, layer) + 1 : 0, layers = [];
    for (i = 0; i < layerCount; i++) layers.push([]);
    order.forEach(function (n) { layers[layer[n]].push(n); });

    var row = new Array(count).fill(0);
    function number(l) { layers[l].forEach(function (n, k) { row[n] = k; }); }
    for (i = 0; i < layerCount; i++) number(i);
    function reorder(l, neighbours) {
      var keyed = layers[l].map(function (n, k) {
        var ns = neighbours[n].filter(function (m) { return layer[m] !== l; });
        var key = ns.length ? ns.reduce(function (s, m) { return s + row[m]; }, 0) / ns.length : row[n];
        return { n: n, key: key, k: k };
      });
      keyed.sort(function (a, b) { return a.key - b.key || a.k - b.k; });
      layers[l] = keyed.map(function (e) { return e.n; });
      number(l);
    }
    for (var s = 0; s < (sweeps == null ? 4 : sweeps); s++) {
      for (i = 1; i < layerCount; i++) reorder(i, parents);
      for (i = layerCount - 2; i >= 0; i--) reorder(i, children);
    }

    var height = function (n) { return heights && heights[n] ? heights[n] : NODE_H; };
    var columnHeight = layers.map(function (nodes) {
      return nodes.reduce(function (s, n) { return s + height(n) + ROW_GAP; }, 0) - ROW_GAP;
    });
    var tallest = Math.max.apply(null, [0].concat(columnHeight));
    var x = new Array(count), y = new Array(count);
    layers.forEach(function (nodes, l) {
      var at = (tallest - columnHeight[l]) / 2;
      nodes.forEach(function (n) { x[n] = l * (W + LAYER_GAP); y[n] = at; at += height(n) + ROW_GAP; });
    });
    return { x: x, y: y, layer: layer, row: row, width: layerCount ? layerCount * W + (layerCount - 1) * LAYER_GAP : 0,
             height: tallest, nodeWidth: W, nodeHeight: NODE_H };
  }
  window.FlowcLayout = { layout: layout, NODE_WIDTH: W, NODE_HEIGHT: NODE_H };
})();
