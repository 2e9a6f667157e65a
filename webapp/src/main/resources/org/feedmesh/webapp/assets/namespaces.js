// The namespaces page: every namespace the signed-in caller may read.
"use strict";

(() => {
  const { api, el, timeEl, debounce, live, guarded } = FM;
  const tbody = document.querySelector("#namespaces tbody");

  async function load() {
    const list = await api("/ui/api/namespaces");
    tbody.replaceChildren();
    if (list.length === 0) {
      tbody.append(el("tr", {}, el("td", { colspan: 6 }, "No namespace you may read yet.")));
      return;
    }
    for (const n of list) {
      tbody.append(el("tr", { "data-namespace": n.name },
        el("th", { scope: "row" }, el("a", { href: "/ui/namespaces/" + encodeURIComponent(n.name) }, n.name)),
        el("td", { class: "num items" }, n.items.toLocaleString()),
        el("td", { class: "num" }, n.conflicts > 0
          ? el("span", { class: "badge conflict" }, n.conflicts.toLocaleString()) : "0"),
        el("td", { class: "num cursor" }, String(n.cursor)),
        el("td", {}, timeEl(n.lastChange)),
        el("td", { class: "num" }, String(n.endpoints))));
    }
  }

  const reload = debounce(() => guarded(load), 200);
  guarded(load);
  live({ journal: reload, status: reload, reconnected: reload });
})();
