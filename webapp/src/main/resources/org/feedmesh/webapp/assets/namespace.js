// A namespace's page: its items as a sortable, filterable table, paged by the server.
"use strict";

(() => {
  const { api, el, bytes, timeEl, debounce, live, guarded, data } = FM;
  const ns = data.namespace;
  const table = document.getElementById("items");
  const tbody = table.querySelector("tbody");
  const pageInfo = document.getElementById("page-info");
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  const summary = document.getElementById("ns-summary");
  const state = { sort: "path", dir: "asc", q: "", conflicts: false, deleted: "show", offset: 0, limit: 100 };
  let total = 0;

  function query() {
    const p = new URLSearchParams({ sort: state.sort, dir: state.dir, offset: state.offset,
      limit: state.limit, deleted: state.deleted });
    if (state.q) p.set("q", state.q);
    if (state.conflicts) p.set("conflicts", "true");
    return p.toString();
  }

  function itemLink(item) {
    return "/ui/namespaces/" + encodeURIComponent(ns) + "/items/" + encodeURIComponent(item.id);
  }

  function row(item, endpoints) {
    const kind = item.kind === "file" ? "" : " (" + item.kind + ")";
    return el("tr", { "data-id": item.id, class: item.deleted ? "deleted" : null },
      el("th", { scope: "row", class: "path" }, el("a", { href: itemLink(item) }, item.path), kind),
      el("td", { class: "num" }, item.kind === "file" ? bytes(item.size) : ""),
      el("td", { class: "num" }, String(item.updates)),
      el("td", {}, item.by),
      el("td", {}, timeEl(item.when)),
      el("td", {}, item.deleted ? el("span", { class: "badge deleted" }, "deleted") : ""),
      el("td", {}, item.conflicts > 0
        ? el("span", { class: "badge conflict" }, item.conflicts === 1 ? "conflict" : item.conflicts + " conflicts")
        : ""),
      el("td", { class: "num delivered" }, item.delivered + " of " + endpoints));
  }

  async function load() {
    const page = await api("/ui/api/namespaces/" + encodeURIComponent(ns) + "/items?" + query());
    total = page.total;
    tbody.replaceChildren();
    if (page.items.length === 0) {
      tbody.append(el("tr", {}, el("td", { colspan: 8 },
        state.q || state.conflicts || state.deleted !== "show" ? "No item matches." : "No items yet.")));
    }
    for (const item of page.items) tbody.append(row(item, page.endpoints));
    const first = total === 0 ? 0 : state.offset + 1;
    const last = Math.min(total, state.offset + page.items.length);
    pageInfo.textContent = first + "–" + last + " of " + total.toLocaleString();
    prev.disabled = state.offset === 0;
    next.disabled = state.offset + state.limit >= total;
    summary.textContent = "Journal cursor " + page.cursor + (page.indexed < page.cursor
      ? " (the table is catching up: " + page.indexed + ")" : "") + " · " + page.endpoints + " endpoints";
    for (const th of table.querySelectorAll("th[data-sort]")) {
      th.setAttribute("aria-sort", th.dataset.sort === state.sort
        ? (state.dir === "asc" ? "ascending" : "descending") : "none");
    }
  }

  const reload = debounce(() => guarded(load), 250);

  for (const th of table.querySelectorAll("th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      if (state.sort === th.dataset.sort) state.dir = state.dir === "asc" ? "desc" : "asc";
      else {
        state.sort = th.dataset.sort;
        state.dir = th.dataset.sort === "path" || th.dataset.sort === "by" ? "asc" : "desc";
      }
      state.offset = 0;
      guarded(load);
    });
  }
  document.getElementById("q").addEventListener("input", (e) => {
    state.q = e.target.value.trim();
    state.offset = 0;
    reload();
  });
  document.getElementById("conflicts-only").addEventListener("change", (e) => {
    state.conflicts = e.target.checked;
    state.offset = 0;
    guarded(load);
  });
  document.getElementById("deleted").addEventListener("change", (e) => {
    state.deleted = e.target.value;
    state.offset = 0;
    guarded(load);
  });
  document.getElementById("filter").addEventListener("submit", (e) => e.preventDefault());
  prev.addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - state.limit);
    guarded(load);
  });
  next.addEventListener("click", () => {
    state.offset += state.limit;
    guarded(load);
  });

  guarded(load);
  live({
    journal: (d) => { if (d.namespace === ns) reload(); },
    status: (d) => { if (d.namespace === ns) reload(); },
    reconnected: reload,
  });
})();
