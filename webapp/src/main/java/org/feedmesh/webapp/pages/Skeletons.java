package org.feedmesh.webapp.pages;

/**
 * The static part of each page's content: headings, labelled controls and empty tables with their
 * header rows, which the page's script fills. Kept here rather than in the scripts so that a page
 * has its structure (and its accessible names) before any script runs.
 */
final class Skeletons {
  private Skeletons() {}

  static final String NAMESPACES =
      """
      <h1>Namespaces</h1>
      <p class="hint">Every shared folder you may read, with its journal. Pick one to see its items.</p>
      <div class="table-wrap">
      <table id="namespaces">
      <caption class="sr-only">Namespaces</caption>
      <thead><tr>
      <th scope="col">Name</th><th scope="col" class="num">Items</th>
      <th scope="col" class="num">Conflicts</th><th scope="col" class="num">Cursor</th>
      <th scope="col">Last change</th><th scope="col" class="num">Endpoints</th>
      </tr></thead>
      <tbody><tr><td colspan="6">Loading…</td></tr></tbody>
      </table>
      </div>""";

  static String namespace(String ns, String atom, String rss) {
    String n = Html.escape(ns);
    return """
        <h1>Namespace <span class="ns">%1$s</span></h1>
        <p class="feeds">Feeds: <a id="atom-link" href="%2$s" type="application/atom+xml">Atom</a>
        · <a id="rss-link" href="%3$s" type="application/rss+xml">RSS</a>
        <span class="hint">(feed readers sign in with the token as password)</span></p>
        <p id="ns-summary" class="summary" aria-live="polite"></p>
        <section aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        <form id="filter" class="filter" role="search" aria-label="Filter items">
        <p><label for="q">Path contains</label>
        <input id="q" name="q" type="search" maxlength="200" autocomplete="off"></p>
        <p><input id="conflicts-only" type="checkbox"><label for="conflicts-only">Conflicts only</label></p>
        <p><label for="deleted">Deleted items</label>
        <select id="deleted"><option value="show">shown</option><option value="hide">hidden</option>
        <option value="only">only</option></select></p>
        </form>
        <div class="table-wrap">
        <table id="items" class="items">
        <caption class="sr-only">Items of %1$s</caption>
        <thead><tr>
        <th scope="col" data-sort="path" aria-sort="ascending"><button type="button">Path</button></th>
        <th scope="col" data-sort="size" class="num"><button type="button">Size</button></th>
        <th scope="col" data-sort="updates" class="num"><button type="button">Version</button></th>
        <th scope="col" data-sort="by"><button type="button">Changed by</button></th>
        <th scope="col" data-sort="changed"><button type="button">Changed</button></th>
        <th scope="col">Deleted</th>
        <th scope="col">Conflict</th>
        <th scope="col" class="num">Delivered</th>
        </tr></thead>
        <tbody><tr><td colspan="8">Loading…</td></tr></tbody>
        </table>
        </div>
        <nav class="pager" aria-label="Pages of items">
        <button type="button" id="prev">Previous</button>
        <span id="page-info" aria-live="polite"></span>
        <button type="button" id="next">Next</button>
        </nav>
        </section>"""
        .formatted(n, Html.escape(atom), Html.escape(rss));
  }

  static String item(String ns) {
    String n = Html.escape(ns);
    return """
        <p class="crumbs"><a href="/ui/namespaces/%1$s" id="back">← %1$s</a></p>
        <h1 id="item-title">Item</h1>
        <dl id="item-summary" class="summary-list"></dl>
        <section aria-labelledby="versions-heading" id="versions-section">
        <h2 id="versions-heading">Versions</h2>
        <div id="versions" class="versions"></div>
        </section>
        <section aria-labelledby="history-heading">
        <h2 id="history-heading">FeedSync history</h2>
        <div class="table-wrap"><table id="history">
        <caption class="sr-only">History, newest first</caption>
        <thead><tr><th scope="col" class="num">Sequence</th><th scope="col">When</th>
        <th scope="col">By</th></tr></thead><tbody></tbody></table></div>
        </section>
        <section aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">Delivery</h2>
        <div class="table-wrap"><table id="delivery">
        <caption class="sr-only">Delivery of the current version per endpoint</caption>
        <thead><tr><th scope="col">Endpoint</th><th scope="col">State</th>
        <th scope="col" class="num">Version</th><th scope="col">Reported</th>
        <th scope="col">Reason</th></tr></thead><tbody></tbody></table></div>
        </section>
        <section aria-labelledby="blob-heading">
        <h2 id="blob-heading">Blob</h2>
        <div id="blob"></div>
        </section>"""
        .formatted(n);
  }

  static final String ENDPOINTS =
      """
      <h1>Endpoints</h1>
      <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">Recent transfers</h2>
      <p id="graph-caption" class="hint"></p>
      <div id="graph" class="graph"></div>
      </section>
      <section aria-labelledby="list-heading">
      <h2 id="list-heading">Devices</h2>
      <div class="table-wrap">
      <table id="endpoints">
      <caption class="sr-only">Endpoints</caption>
      <thead><tr>
      <th scope="col">Endpoint</th><th scope="col">State</th><th scope="col">Last seen</th>
      <th scope="col">Applied cursor and lag</th><th scope="col">Addresses</th>
      <th scope="col">LAN peers</th>
      </tr></thead>
      <tbody><tr><td colspan="6">Loading…</td></tr></tbody>
      </table>
      </div>
      </section>""";
}
