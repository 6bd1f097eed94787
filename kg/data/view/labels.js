/* kg's label layer and search for the vis-network view (kg/viz.py inlines this file).

vis-network draws no node label (every node has font.size 0); after each frame ("afterDrawing", which also
follows every zoom, pan, drag and stabilisation) this layer draws them itself, in screen space with the page's
font: the most important nodes first (selected, search matches, then by PageRank), each label only where its
box meets no label already drawn, no other node's dot (a selected node and the few most central ones may
cover one rather than go unnamed) and not the legend box. So drawn labels never overlap, at any zoom; the others show on hover, selection, zooming in or search. The hovered node's label is drawn
last, on a background, over whatever is under it. window.kgDrawnLabels() returns what was drawn. */
(function () {
  "use strict";
  if (typeof network === "undefined") return;
  var cfg = window.kgViewConfig || {};
  var HUBS = cfg.hubs || 3;  // the most central nodes: named even where the name must cover a neighbour's dot
  var PX = cfg.labelPx || 14, HEADER_PX = cfg.headerPx || 18, PAD = 3, GAP = 2, LINE = 1.3, CELL = 64;
  var STYLE = {
    label: {color: "#222", background: null},
    hub: {color: "#000", background: null},
    header: {color: "#555", background: null},
    selected: {color: "#000", background: "rgba(255,255,255,0.96)", border: "#555"},
    found: {color: "#000", background: "rgba(255,236,140,0.96)", border: "#b08800"},
    hovered: {color: "#000", background: "rgba(255,255,255,0.98)", border: "#333"}
  };
  var canvas = (network.canvas && network.canvas.frame && network.canvas.frame.canvas) ||
    document.querySelector("#mynetwork canvas");
  var bar = document.getElementById("kg-bar");
  var family = getComputedStyle(document.body).fontFamily;
  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};
  var hovered = null, found = [], order = null, hubs = {}, drawn = [], dots = [], frameScale = null, frames = 0, lastMs = 0;

  function fontOf(px) { return px + "px " + family; }
  function textWidth(text, px) {
    var key = px + "\u0000" + text;
    if (!(key in widths)) { measure.font = fontOf(px); widths[key] = measure.measureText(text).width; }
    return widths[key];
  }
  function byImportance() {  // cached until the node set changes
    if (!order) {
      order = nodes.get({filter: function (n) { return !!n.label && (n.kgType || n.kgHeader); }});
      order.sort(function (a, b) {
        return (b.kgHeader ? 1 : 0) - (a.kgHeader ? 1 : 0) || (b.kgRank || 0) - (a.kgRank || 0) ||
          (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
      });
      hubs = {};
      order.filter(function (n) { return n.kgType; }).slice(0, HUBS).forEach(function (n) { hubs[n.id] = true; });
    }
    return order;
  }
  nodes.on("*", function () { order = null; });

  /* A uniform grid of boxes, for "does this box meet any box placed so far?" in about constant time. */
  function Grid() { this.cells = new Map(); }
  Grid.prototype.add = function (b, owner) {
    var item = {box: b, owner: owner};
    for (var i = Math.floor(b[0] / CELL), i1 = Math.floor(b[2] / CELL); i <= i1; i++)
      for (var j = Math.floor(b[1] / CELL), j1 = Math.floor(b[3] / CELL); j <= j1; j++) {
        var k = i * 100003 + j, cell = this.cells.get(k);
        if (cell) cell.push(item); else this.cells.set(k, [item]);
      }
  };
  Grid.prototype.hits = function (b, owner) {
    for (var i = Math.floor(b[0] / CELL), i1 = Math.floor(b[2] / CELL); i <= i1; i++)
      for (var j = Math.floor(b[1] / CELL), j1 = Math.floor(b[3] / CELL); j <= j1; j++) {
        var cell = this.cells.get(i * 100003 + j);
        if (!cell) continue;
        for (var m = 0; m < cell.length; m++) {
          var c = cell[m].box;
          if (cell[m].owner !== owner && c[0] < b[2] && b[0] < c[2] && c[1] < b[3] && b[1] < c[3]) return true;
        }
      }
    return false;
  };

  function screen() {
    var scale = network.getScale(), view = network.getViewPosition();
    var w = canvas.clientWidth, h = canvas.clientHeight;
    return {scale: scale, w: w, h: h, x: function (x) { return (x - view.x) * scale + w / 2; },
            y: function (y) { return (y - view.y) * scale + h / 2; }};
  }
  function labelBox(text, px, cx, top) {
    var w = textWidth(text, px) + 2 * PAD;
    return [cx - w / 2, top, cx + w / 2, top + px * LINE];
  }
  function widthOf(n, px) {  // kept on the node's copy in the cached order
    if (n.kgBoxWidth === undefined) n.kgBoxWidth = textWidth(n.label, px) + 2 * PAD;
    return n.kgBoxWidth;
  }

  /* Where a node's label may go, in order of preference: below its dot (as vis-network puts it), above,
     right, left, and last across its own dot (a hub ringed by its neighbours still gets its name). */
  function around(w, px, v) {
    var h = px * LINE, mid = v.y - h / 2, below = v.y + v.r + GAP, above = v.y - v.r - GAP - h;
    return [[v.x - w / 2, below, v.x + w / 2, below + h], [v.x - w / 2, above, v.x + w / 2, above + h],
            [v.x + v.r + GAP, mid, v.x + v.r + GAP + w, mid + h], [v.x - v.r - GAP - w, mid, v.x - v.r - GAP, mid + h],
            [v.x - w / 2, mid, v.x + w / 2, mid + h]];
  }

  /* Which labels to draw, and where: greedy, most important first. */
  function place() {
    var s = screen(), pos = network.getPositions(), placed = new Grid(), dotGrid = new Grid(), out = [], dotList = [];
    var selected = network.getSelectedNodes(), visible = [];
    byImportance().forEach(function (n) {
      var p = pos[n.id];
      if (!p) return;
      var x = s.x(p.x), y = s.y(p.y), r = n.kgHeader ? 0 : (n.size || 10) * s.scale + 1;
      if (x + r < -200 || x - r > s.w + 200 || y + r < -60 || y - r > s.h + 60) return;  // off screen
      visible.push({node: n, x: x, y: y, r: r});
      if (r > 0) { var dot = [x - r, y - r, x + r, y + r]; dotGrid.add(dot, n.id); dotList.push({id: n.id, box: dot}); }
    });
    if (bar) {
      var rect = bar.getBoundingClientRect(), c = canvas.getBoundingClientRect();
      placed.add([rect.left - c.left, rect.top - c.top, rect.right - c.left, rect.bottom - c.top], "kg-bar");
    }
    var first = {};
    selected.forEach(function (id) { first[id] = "selected"; });
    found.forEach(function (id) { if (!first[id]) first[id] = "found"; });
    if (selected.length || found.length)  // those first (the sort is stable: by importance after them)
      visible.sort(function (a, b) { return (first[b.node.id] ? 1 : 0) - (first[a.node.id] ? 1 : 0); });
    visible.forEach(function (v) {
      var n = v.node, kind = first[n.id] || (n.kgHeader ? "header" : hubs[n.id] ? "hub" : "label"), px = n.kgHeader ? HEADER_PX : PX;
      var w = widthOf(n, px), h = px * LINE;
      var candidates = n.kgHeader ? [[v.x - w / 2, v.y - h / 2, v.x + w / 2, v.y + h / 2]] : around(w, px, v);
      // a selected node's or a hub's label may cover another node's dot rather than go unlabelled (a hub's
      // best then across its own dot)
      var passes = kind === "selected" || kind === "hub" ? [true, false] : [true];
      for (var pass = 0; pass < passes.length; pass++) {
        if (pass === 1 && kind === "hub") candidates.unshift(candidates.pop());
        for (var i = 0; i < candidates.length; i++) {
          var box = candidates[i];
          if (box[0] < 0 || box[1] < 0 || box[2] > s.w || box[3] > s.h) continue;  // no label cut by the edge
          if (!placed.hits(box, null) && !(passes[pass] && dotGrid.hits(box, n.id))) {
            placed.add(box, n.id);
            out.push({id: n.id, text: n.label, box: box, kind: kind, px: px});
            return;
          }
        }
      }
    });
    dots = dotList;
    frameScale = s.scale;
    return {labels: out, screen: s, pos: pos};
  }

  function paint(ctx, item) {
    var st = STYLE[item.kind], b = item.box;
    if (st.background) {
      ctx.fillStyle = st.background;
      ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
      ctx.strokeStyle = st.border; ctx.lineWidth = 1;
      ctx.strokeRect(b[0] + 0.5, b[1] + 0.5, b[2] - b[0] - 1, b[3] - b[1] - 1);
    }
    ctx.font = fontOf(item.px);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    if (!st.background) {  // a white halo keeps the text legible over edges
      ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineWidth = 3; ctx.lineJoin = "round";
      ctx.strokeText(item.text, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    }
    ctx.fillStyle = st.color;
    ctx.fillText(item.text, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
  }

  network.on("afterDrawing", function (ctx) {
    var started = performance.now(), layout = place(), labels = layout.labels;
    if (hovered !== null && layout.pos[hovered]) {
      var n = nodes.get(hovered), s = layout.screen, p = layout.pos[hovered];
      if (n && n.label && n.kgType) {
        var r = (n.size || 10) * s.scale + 1, same = labels.filter(function (l) { return l.id === hovered; })[0];
        // a label not drawn yet goes below the dot: vis-network's tooltip opens above the pointer
        var box = same ? same.box : labelBox(n.label, PX, s.x(p.x), s.y(p.y) + r + GAP);
        labels.push({id: hovered, text: n.label, box: box, kind: "hovered", px: PX});
      }
    }
    var ratio = canvas.width / (canvas.clientWidth || 1);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    labels.forEach(function (item) { paint(ctx, item); });
    ctx.restore();
    drawn = labels;
    frames++;
    lastMs = performance.now() - started;
  });
  network.on("hoverNode", function (p) { hovered = p.node; network.redraw(); });
  network.on("blurNode", function () { hovered = null; network.redraw(); });
  network.on("dragStart", function () { hovered = null; });

  /* What the last frame (number frame, at zoom scale; the layer took ms) drew, in CSS pixels of the canvas: labels (kind label, hub, header, selected, found;
     these never overlap one another) and the hovered one (kind hovered, drawn on top); the dots they avoid
     (all but hub and selected labels). */
  window.kgDrawnLabels = function () {
    return {frame: frames, ms: lastMs, scale: frameScale, labels: drawn.map(function (l) {
      return {id: l.id, text: l.text, kind: l.kind, box: l.box.slice(), background: STYLE[l.kind].background};
    }), dots: dots.map(function (d) { return {id: d.id, box: d.box.slice()}; })};
  };

  /* Search as one types (debounced), Enter at once; matches listed, their labels drawn first, highlighted. */
  var input = document.getElementById("kg-search"), list = document.getElementById("kg-matches"), timer = null;
  function show(id) { network.selectNodes([id]); network.focus(id, {scale: Math.max(network.getScale(), 1.4), animation: true}); }
  function search(go) {
    var q = input.value.trim();
    list.textContent = "";
    found = [];
    if (q) {
      var hit = nodes.get({filter: function (n) {
        return n.kgType && ((n.label || "").indexOf(q) >= 0 || (n.search || "").indexOf(q) >= 0); }});
      hit.sort(function (a, b) {
        return (b.label === q) - (a.label === q) || (a.label || "").length - (b.label || "").length ||
          (b.kgRank || 0) - (a.kgRank || 0); });
      if (!hit.length) {
        var none = document.createElement("div"); none.id = "kg-nomatch";
        none.textContent = "没有匹配 / no match: " + q; list.appendChild(none);
      }
      hit.slice(0, 20).forEach(function (n) {
        var row = document.createElement("div"); row.className = "kg-match";
        row.textContent = n.label + " · " + n.kgType; row.onclick = function () { show(n.id); }; list.appendChild(row);
      });
      if (hit.length > 20) {
        var more = document.createElement("div"); more.className = "kg-more";
        more.textContent = "… " + (hit.length - 20) + " more"; list.appendChild(more);
      }
      found = hit.slice(0, 20).map(function (n) { return n.id; });
      if (go && hit.length) show(hit[0].id);
    }
    network.redraw();
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(false); }, 180); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); search(true); }
  });
  network.on("hoverEdge", function (p) { edges.update({id: p.edge, font: {size: 14, background: "white"}}); });
  network.on("blurEdge", function (p) { edges.update({id: p.edge, font: {size: 0}}); });
  network.setOptions({interaction: {hover: true}});
  network.redraw();
})();
