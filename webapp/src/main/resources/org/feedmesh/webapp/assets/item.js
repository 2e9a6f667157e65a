// One item: versions side by side (keep one to resolve a conflict), history, delivery, blob.
"use strict";

(() => {
  const { api, el, bytes, timeEl, debounce, live, guarded, message, data } = FM;
  const ns = data.namespace;
  const id = data.item;
  const url = "/ui/api/namespaces/" + encodeURIComponent(ns) + "/items/" + encodeURIComponent(id);
  let busy = false;

  function dl(target, pairs) {
    target.replaceChildren();
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === "") continue;
      target.append(el("dt", {}, k), el("dd", {}, v));
    }
  }

  function versionCard(v, item) {
    const card = el("article", { class: "version" + (v.current ? " current" : ""), "data-key": v.key,
      "aria-label": (v.current ? "Current version" : "Conflicting version") + " by " + (v.by || "unknown") });
    card.append(el("h3", {}, v.current ? "Current (winner)" : "Conflict"));
    const d = el("dl", {});
    dl(d, [
      ["Version", String(v.updates)],
      ["By", v.by],
      ["When", timeEl(v.when)],
      ["Path", v.path || v.title],
      ["Kind", v.kind],
      ["Size", v.size !== undefined && v.size !== null ? bytes(v.size) : null],
      ["Modified", v.mtime ? timeEl(v.mtime) : null],
      ["Blob", v.blobId ? el("code", { title: v.blobId }, v.blobId.substring(0, 16) + "…") : null],
      ["Deleted", v.deleted ? "yes" : null],
    ]);
    card.append(d);
    if (item.canResolve) {
      card.append(el("button", { type: "button", class: "keep", "data-key": v.key,
        onclick: () => keep(v, item) }, "Keep this version"));
    }
    return card;
  }

  async function keep(v, item) {
    if (busy) return;
    busy = true;
    try {
      const after = await api(url + "/resolve", { method: "POST", body: { keep: v.key, updates: item.updates } });
      render(after);
      message("Conflict resolved: kept the version by " + (v.by || "unknown") + ".", "ok");
    } catch (e) {
      message(e.message);
    } finally {
      busy = false;
    }
  }

  function holderBar(h, blockCount) {
    const svgNs = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("viewBox", "0 0 200 10");
    svg.setAttribute("class", "bar");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", h.endpoint + " holds " + (h.whole ? "every block" : h.heldCount + " of " + blockCount + " blocks"));
    const bg = document.createElementNS(svgNs, "rect");
    bg.setAttribute("width", "200");
    bg.setAttribute("height", "10");
    bg.setAttribute("class", "bar-bg");
    svg.append(bg);
    const ranges = h.whole ? [[0, Math.max(0, blockCount - 1)]] : h.ranges;
    for (const [first, last] of ranges) {
      const r = document.createElementNS(svgNs, "rect");
      const n = Math.max(1, blockCount);
      r.setAttribute("x", String(200 * first / n));
      r.setAttribute("width", String(200 * (last - first + 1) / n));
      r.setAttribute("height", "10");
      r.setAttribute("class", "bar-held");
      svg.append(r);
    }
    return svg;
  }

  function renderBlob(blob) {
    const target = document.getElementById("blob");
    target.replaceChildren();
    if (!blob) {
      target.append(el("p", {}, "This item has no blob (not a file, or deleted)."));
      return;
    }
    const d = el("dl", { class: "summary-list" });
    dl(d, [
      ["Blob id", el("code", { class: "hash" }, blob.id)],
      ["Size", bytes(blob.size) + " (" + blob.size.toLocaleString() + " bytes)"],
      ["Blocks", String(blob.blockCount)],
    ]);
    target.append(d);
    if (blob.note) target.append(el("p", { class: "hint" }, blob.note));
    target.append(el("h3", {}, "Who holds it"));
    if (blob.holders.length === 0) target.append(el("p", {}, "No endpoint is known to hold this blob."));
    const list = el("ul", { class: "holders" });
    for (const h of blob.holders) {
      list.append(el("li", { "data-endpoint": h.endpoint },
        el("strong", {}, h.endpoint), " ",
        h.whole ? "every block" : h.heldCount + " of " + blob.blockCount + " blocks", " ",
        holderBar(h, blob.blockCount),
        h.addresses.length ? el("span", { class: "hint" }, " " + h.addresses.join(", ")) : null));
    }
    target.append(list);
    if (blob.blocks.length > 0) {
      target.append(el("h3", {}, "Blocks"));
      const t = el("table", { id: "blocks" },
        el("caption", { class: "sr-only" }, "Blocks of the blob and who holds each"),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col", class: "num" }, "#"), el("th", { scope: "col", class: "num" }, "Offset"),
          el("th", { scope: "col", class: "num" }, "Size"), el("th", { scope: "col" }, "Hash"),
          el("th", { scope: "col" }, "Held by"))));
      const b = el("tbody", {});
      for (const block of blob.blocks) {
        b.append(el("tr", {},
          el("td", { class: "num" }, String(block.index)),
          el("td", { class: "num" }, block.offset.toLocaleString()),
          el("td", { class: "num" }, bytes(block.size)),
          el("td", {}, el("code", { title: block.hash }, block.hash.substring(0, 16) + "…")),
          el("td", {}, block.heldBy.length ? block.heldBy.join(", ") : "nobody known")));
      }
      t.append(b);
      target.append(el("div", { class: "table-wrap" }, t));
      if (blob.blocksShown < blob.blockCount) {
        target.append(el("p", { class: "hint" }, "The first " + blob.blocksShown + " of " + blob.blockCount + " blocks are listed."));
      }
    }
  }

  function render(item) {
    document.getElementById("item-title").textContent = item.path;
    document.title = item.path + " · FeedMesh";
    dl(document.getElementById("item-summary"), [
      ["Item id", el("code", { class: "hash" }, item.id)],
      ["Kind", item.kind],
      ["Size", item.kind === "file" ? bytes(item.size) : null],
      ["Version (updates)", String(item.updates)],
      ["Journal cursor", String(item.cursor)],
      ["Published by", item.publisher],
      ["Journaled", timeEl(item.journaled)],
      ["Deleted", item.deleted ? "yes" : "no"],
      ["Conflict", item.versions.length > 1
        ? el("span", { class: "badge conflict" }, (item.versions.length - 1) + " conflicting version(s)") : "none"],
    ]);
    const versions = document.getElementById("versions");
    versions.replaceChildren();
    if (item.versions.length > 1) {
      versions.append(el("p", { class: "hint" }, item.canResolve
        ? "These versions conflict. Keep one: FeedMesh publishes a conflict resolution under your name, and every endpoint gets that version."
        : "These versions conflict. Resolving needs write access to this namespace."));
    }
    const grid = el("div", { class: "version-grid" });
    for (const v of item.versions) grid.append(versionCard(v, item));
    versions.append(grid);

    const history = document.querySelector("#history tbody");
    history.replaceChildren();
    for (const h of item.history) {
      history.append(el("tr", {}, el("td", { class: "num" }, String(h.sequence)),
        el("td", {}, timeEl(h.when)), el("td", {}, h.by || "")));
    }
    const delivery = document.querySelector("#delivery tbody");
    delivery.replaceChildren();
    if (item.delivery.length === 0) delivery.append(el("tr", {}, el("td", { colspan: 5 }, "No endpoint shares this namespace.")));
    for (const d of item.delivery) {
      delivery.append(el("tr", { "data-endpoint": d.endpoint },
        el("th", { scope: "row" }, d.endpoint),
        el("td", {}, el("span", { class: "badge state-" + d.state }, d.state)),
        el("td", { class: "num" }, d.updates ? String(d.updates) : ""),
        el("td", {}, d.reported ? timeEl(d.reported) : ""),
        el("td", {}, d.reason || "")));
    }
    renderBlob(item.blob);
  }

  async function load() {
    render(await api(url));
  }

  const reload = debounce(() => { if (!busy) guarded(load); }, 250);
  guarded(load);
  live({
    journal: (d) => { if (d.namespace === ns) reload(); },
    status: (d) => { if (d.namespace === ns) reload(); },
    reconnected: reload,
  });
})();
