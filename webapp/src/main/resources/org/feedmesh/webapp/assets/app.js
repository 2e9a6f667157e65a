// FeedMesh browser view: helpers every page shares. No build step, no libraries.
"use strict";

const FM = (() => {
  const csrfInput = document.querySelector("form.signout input[name=csrf]");

  /** Fetches JSON from the view's API; throws an Error with the server's message on failure. */
  async function api(path, options = {}) {
    const init = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (options.method) {
      init.method = options.method;
      init.headers["X-CSRF-Token"] = csrfInput ? csrfInput.value : "";
    }
    if (options.body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new Error("The server cannot be reached. Is it running?");
    }
    if (response.status === 401) {
      location.assign("/ui/sign-in?next=" + encodeURIComponent(location.pathname));
      throw new Error("Your session ended. Please sign in again.");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const text = body && body.error ? body.error : "The request failed (HTTP " + response.status + ").";
      throw new Error(text);
    }
    return body;
  }

  /** Builds an element: el("a", {href: "/"}, "text", child...). Text is always text, never HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const messages = document.getElementById("messages");

  /** Shows a message above the page's content; errors stay until dismissed. */
  function message(text, kind) {
    const k = kind || "error";
    const p = el("p", { class: "message " + k },
      el("span", { text: text }),
      " ",
      el("button", { type: "button", class: "dismiss", "aria-label": "Dismiss message",
        onclick: () => p.remove() }, "×"));
    messages.append(p);
    if (k !== "error") setTimeout(() => p.remove(), 6000);
  }

  function clearErrors() {
    messages.querySelectorAll(".message.error").forEach((m) => m.remove());
  }

  function bytes(n) {
    if (n === null || n === undefined) return "";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + " " + units[i];
  }

  function time(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    const seconds = Math.round((Date.now() - d.getTime()) / 1000);
    let ago;
    if (seconds < 5) ago = "just now";
    else if (seconds < 90) ago = seconds + " s ago";
    else if (seconds < 5400) ago = Math.round(seconds / 60) + " min ago";
    else if (seconds < 129600) ago = Math.round(seconds / 3600) + " h ago";
    else ago = Math.round(seconds / 86400) + " days ago";
    return ago;
  }

  /** A <time> element: relative text, the exact instant in its title and datetime. */
  function timeEl(iso) {
    if (!iso) return el("span", { text: "—" });
    return el("time", { datetime: iso, title: new Date(iso).toLocaleString() }, time(iso));
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  const liveStatus = document.getElementById("live");

  function setLive(text, state) {
    if (!liveStatus) return;
    liveStatus.textContent = text;
    liveStatus.dataset.state = state;
  }

  /**
   * Follows the server's live events. handlers: {journal(data), status(data), endpoints(data),
   * reconnected()}. The browser reconnects a dropped stream by itself; a refused one (session
   * ended, server restarted) is retried here, and after any reconnect the page reloads its data.
   */
  function live(handlers) {
    let source = null;
    let delay = 1000;
    let wasOpen = false;
    function connect() {
      source = new EventSource("/ui/api/events");
      source.addEventListener("hello", () => {
        setLive("live", "open");
        if (wasOpen && handlers.reconnected) handlers.reconnected();
        wasOpen = true;
        delay = 1000;
      });
      for (const name of ["journal", "status", "endpoints"]) {
        source.addEventListener(name, (e) => {
          if (handlers[name]) handlers[name](JSON.parse(e.data));
        });
      }
      source.onerror = () => {
        setLive("reconnecting…", "reconnecting");
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          // A refusal: find out whether the session ended (api() then goes to sign-in).
          api("/ui/api/session").then(() => setTimeout(connect, delay), () => setTimeout(connect, delay));
          delay = Math.min(delay * 2, 30000);
        }
      };
    }
    connect();
    window.addEventListener("beforeunload", () => source && source.close());
  }

  /** Runs an async task, showing its failure as a message. */
  async function guarded(task) {
    try {
      await task();
      clearErrors();
    } catch (e) {
      clearErrors();
      message(e.message);
    }
  }

  return { api, el, message, bytes, time, timeEl, debounce, live, guarded,
    data: document.body.dataset };
})();
