// The endpoints page: devices, how far behind they are, their LAN peers, and a live graph of
// recent transfers (who pulled how many bytes from whom, and from the server).
"use strict";

(() => {
  const { api, el, bytes, timeEl, debounce, live, guarded } = FM;
  const svgNs = "http://www.w3.org/2000/svg";
  const tbody = document.querySelector("#endpoints tbody");

  function svg(tag, attrs, text) {
    const e = document.createElementNS(svgNs, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function graph(g, online) {
    const target = document.getElementById("graph");
    const caption = document.getElementById("graph-caption");
    target.replaceChildren();
    const minutes = Math.round(g.windowSeconds / 60);
    if (g.edges.length === 0) {
      caption.textContent = "No transfers reported in the last " + minutes + " minutes.";
      return;
    }
    const peer = g.edges.filter((e) => e.from !== "server").reduce((s, e) => s + e.bytes, 0);
    const server = g.edges.filter((e) => e.from === "server").reduce((s, e) => s + e.bytes, 0);
    caption.textContent = "Last " + minutes + " minutes: " + bytes(peer) + " peer to peer, "
      + bytes(server) + " from the server. Arrows point from the source to the device that pulled.";
    const w = 360;
    const h = 300;
    const cx = w / 2;
    const cy = h / 2;
    const radius = Math.min(w, h) / 2 - 40;
    const pos = {};
    g.nodes.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / g.nodes.length;
      pos[n] = { x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a) };
    });
    const root = svg("svg", { viewBox: "0 0 " + w + " " + h, role: "img", class: "transfer-graph",
      "aria-labelledby": "graph-title graph-desc" });
    root.append(svg("title", { id: "graph-title" }, "Transfers of the last " + minutes + " minutes"));
    root.append(svg("desc", { id: "graph-desc" }, g.edges.map((e) =>
      e.to + " pulled " + bytes(e.bytes) + " from " + e.from).join("; ")));
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerUnits: "userSpaceOnUse", markerWidth: 10, markerHeight: 10, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-head" }));
    defs.append(marker);
    root.append(defs);
    const max = Math.max(...g.edges.map((e) => e.bytes), 1);
    for (const e of g.edges) {
      const a = pos[e.from];
      const b = pos[e.to];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.max(1, Math.hypot(dx, dy));
      const shrink = 24 / len;
      const x1 = a.x + dx * shrink;
      const y1 = a.y + dy * shrink;
      const x2 = b.x - dx * shrink;
      const y2 = b.y - dy * shrink;
      const mx = (x1 + x2) / 2 - dy * 0.15;
      const my = (y1 + y2) / 2 + dx * 0.15;
      const width = 1 + 5 * Math.log(1 + e.bytes) / Math.log(1 + max);
      root.append(svg("path", { d: `M ${x1} ${y1} Q ${mx} ${my} ${x2} ${y2}`,
        class: "edge" + (e.from === "server" ? " from-server" : ""), "stroke-width": width.toFixed(1),
        "marker-end": "url(#arrow)", "data-from": e.from, "data-to": e.to }));
      root.append(svg("text", { x: mx, y: my, class: "edge-label", "text-anchor": "middle" }, bytes(e.bytes)));
    }
    for (const n of g.nodes) {
      const p = pos[n];
      const state = n === "server" ? "server" : (online[n] ? "online" : "offline");
      root.append(svg("circle", { cx: p.x, cy: p.y, r: 20, class: "node " + state }));
      root.append(svg("text", { x: p.x, y: p.y + 34, class: "node-label", "text-anchor": "middle" }, n));
    }
    target.append(root);
  }

  function progress(namespaces) {
    const list = el("ul", { class: "plain" });
    for (const [ns, p] of Object.entries(namespaces)) {
      list.append(el("li", {}, el("a", { href: "/ui/namespaces/" + encodeURIComponent(ns) }, ns), ": ",
        String(p.applied), " of ", String(p.journal), " ",
        p.lag === 0 ? el("span", { class: "badge state-applied" }, "up to date")
          : el("span", { class: "badge lag" }, p.lag + " behind")));
    }
    return list;
  }

  function lanPeers(peers) {
    if (peers.length === 0) return "none reported";
    const list = el("ul", { class: "plain" });
    for (const p of peers) {
      const cursors = Object.entries(p.cursors).map(([ns, c]) => ns + "@" + c).join(", ");
      list.append(el("li", {}, el("strong", {}, p.endpoint), " ", p.address, cursors ? " (" + cursors + ")" : ""));
    }
    return list;
  }

  async function load() {
    const o = await api("/ui/api/endpoints");
    tbody.replaceChildren();
    const online = {};
    if (o.endpoints.length === 0) {
      tbody.append(el("tr", {}, el("td", { colspan: 6 }, "No endpoint shares a namespace you may read.")));
    }
    for (const e of o.endpoints) {
      online[e.id] = e.online;
      tbody.append(el("tr", { "data-endpoint": e.id },
        el("th", { scope: "row" }, e.id, e.displayName !== e.id ? el("span", { class: "hint" }, " " + e.displayName) : null),
        el("td", {}, el("span", { class: "badge " + (e.online ? "online" : "offline") }, e.online ? "online" : "offline")),
        el("td", {}, timeEl(e.lastSeen)),
        el("td", {}, progress(e.namespaces)),
        el("td", {}, e.addresses.length ? e.addresses.join(", ") : "none"),
        el("td", {}, lanPeers(e.lanPeers))));
    }
    graph(o.transfers, online);
  }

  const reload = debounce(() => guarded(load), 300);
  guarded(load);
  setInterval(reload, 30000); // online state and "seen ... ago" age without news
  live({ endpoints: reload, journal: reload, reconnected: reload });
})();
