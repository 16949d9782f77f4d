// eventscope dashboard: helpers, API access and the hash router. Views live in views.js, charts in
// charts.js. Rule for every file: stored data enters the page only as text (textContent / text
// nodes / setAttribute on safe attributes), never as HTML.
"use strict";

const ES = {views: {}};

// el("a", {class: "x", href: "#/y"}, "text", child, ...): strings become text nodes.
ES.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "href") node.setAttribute("href", ES.safeHref(v));
    else node.setAttribute(k, String(v));
  }
  ES.append(node, children);
  return node;
};

ES.append = function (node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
};

// Only our own hash routes and http(s) URLs become links; anything else (javascript:, data:) is dropped.
ES.safeHref = function (href) {
  const s = String(href);
  if (s.startsWith("#/")) return s;
  try {
    const u = new URL(s, window.location.href);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (e) { /* not a URL */ }
  return "#";
};

ES.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
};

ES.api = async function (path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") q.set(k, v);
  }
  const url = "/api/" + path + (q.toString() ? "?" + q.toString() : "");
  const res = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
    throw new Error(res.status + ": " + detail);
  }
  return body;
};

// Render text with marked spans: marks = [{start, end, cls, title}]. Offsets are characters of
// `text` (JS strings count UTF-16 units; the store counts code points, so convert first).
ES.markedText = function (text, marks) {
  const chars = Array.from(text || "");
  const cuts = new Set([0, chars.length]);
  const valid = (marks || []).filter(m => m.start !== null && m.end !== null && m.end > m.start);
  for (const m of valid) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(chars.length, m.end)); }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const on = valid.filter(m => m.start <= a && m.end >= b);
    if (!on.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const cls = Array.from(new Set(on.map(m => m.cls))).join(" ");
    const title = on.map(m => m.title).filter(Boolean).join("; ");
    frag.appendChild(ES.el("mark", {class: cls, title: title || null}, piece));
  }
  return frag;
};

ES.codes = (list) => (list && list.length ? list.join("+") : "–");
ES.date = (r) => r.date || (r.published ? "~" + String(r.published).slice(0, 10) : "");
ES.quadClass = (q) => (q === 1 || q === 2 ? "coop" : q === 3 || q === 4 ? "conflict" : "");

ES.error = function (view, err) {
  ES.append(view, [ES.el("p", {class: "error"}, String(err.message || err))]);
};

ES.parseHash = function () {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return {name: parts[0] || "stories", args: parts.slice(1), params: new URLSearchParams(query || "")};
};

ES.go = function (hash) { window.location.hash = hash; };

ES.route = async function () {
  const {name, args, params} = ES.parseHash();
  const view = ES.clear(document.getElementById("view"));
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.nav === name || (name === "story" && a.dataset.nav === "stories")
      || (name === "dyad" && a.dataset.nav === "dyads"));
  }
  const render = ES.views[name] || ES.views.stories;
  view.dataset.view = name;
  view.dataset.ready = "0";
  try {
    await render(view, args, params);
  } catch (err) {
    ES.error(view, err);
  }
  view.dataset.renders = String(Number(view.dataset.renders || 0) + 1);
  view.dataset.ready = "1";  // tests wait for this, and for a new count of renders after a click
};

ES.stats = async function () {
  try {
    const s = await ES.api("stats");
    ES.append(ES.clear(document.getElementById("stats")),
      [`${s.articles} articles · ${s.stories} stories · ${s.events} events · ${s.quarantine} quarantined`]);
  } catch (e) { /* the header count is a nicety */ }
};

window.addEventListener("hashchange", ES.route);
window.addEventListener("DOMContentLoaded", () => { ES.stats(); ES.route(); });
