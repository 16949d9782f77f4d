// eventscope dashboard charts, drawn as SVG by hand: the dyad time line and the actor network.
"use strict";

(function () {
  const {el, api, append} = ES;
  const NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // Bars per period: cooperation up (green), conflict down (red); the dot is the Goldstein sum.
  function dyadChart(series) {
    const W = 760, H = 300, M = {l: 40, r: 40, t: 20, b: 60};
    const max = Math.max(1, ...series.map(p => Math.max(p.cooperation, p.conflict)));
    const gmax = Math.max(1, ...series.map(p => Math.abs(p.goldstein)));
    const mid = M.t + (H - M.t - M.b) / 2, half = (H - M.t - M.b) / 2;
    const band = (W - M.l - M.r) / Math.max(1, series.length), bw = Math.min(40, band * 0.6);
    const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart dyad-chart", role: "img",
      "aria-label": "cooperation and conflict over time"});
    append(chart, [svg("line", {x1: M.l, x2: W - M.r, y1: mid, y2: mid, class: "axis"}),
      svg("text", {x: 4, y: M.t + 10, class: "label"}, `+${max}`), svg("text", {x: 4, y: H - M.b, class: "label"}, `-${max}`)]);
    series.forEach((p, i) => {
      const x = M.l + i * band + band / 2;
      const up = half * p.cooperation / max, down = half * p.conflict / max;
      const gy = mid - half * p.goldstein / gmax;
      append(chart, [
        svg("rect", {x: x - bw / 2, y: mid - up, width: bw, height: up, class: "coop"},
          svg("title", {}, `${p.period}: ${p.cooperation} cooperation`)),
        svg("rect", {x: x - bw / 2, y: mid, width: bw, height: down, class: "conflict"},
          svg("title", {}, `${p.period}: ${p.conflict} conflict`)),
        svg("circle", {cx: x, cy: gy, r: 4, class: "goldstein"}, svg("title", {}, `Goldstein sum ${p.goldstein}`)),
        svg("text", {x, y: H - M.b + 16, class: "label tick", "text-anchor": "middle"}, p.period)]);
    });
    append(chart, [svg("text", {x: M.l, y: H - 12, class: "label"}, "▲ cooperation  ▼ conflict  ● Goldstein sum")]);
    return chart;
  }

  ES.views.dyads = async function (view) {
    const rows = await api("dyads", {limit: 100});
    append(view, [el("h1", {}, "Dyads"), el("p", {class: "hint"}, "Pairs of actors that acted on or with each other.")]);
    append(view, [el("table", {}, el("thead", {}, el("tr", {}, ["pair", "events", "cooperation", "conflict", "Goldstein"]
      .map(c => el("th", {}, c)))), el("tbody", {}, rows.map(r => el("tr", {},
      el("td", {}, el("a", {href: `#/dyad/${r.a}/${r.b}`, class: "dyad-link"}, `${r.a} – ${r.b}`)),
      el("td", {}, String(r.events)), el("td", {}, String(r.cooperation)), el("td", {}, String(r.conflict)),
      el("td", {}, String(r.goldstein))))))]);
  };

  ES.views.dyad = async function (view, args, params) {
    const [a, b] = [args[0] || "", args[1] || ""];
    const by = params.get("by") || "month";
    const form = el("form", {class: "filters"},
      el("label", {}, "actor", el("input", {name: "a", value: a, size: 6})),
      el("label", {}, "actor", el("input", {name: "b", value: b, size: 6})),
      el("label", {}, "by", el("select", {name: "by"}, ["day", "month", "year"].map(o =>
        el("option", {value: o, selected: o === by ? "" : null}, o)))),
      el("button", {type: "submit"}, "Show"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const e = form.elements;
      ES.go(`#/dyad/${encodeURIComponent(e.a.value.trim())}/${encodeURIComponent(e.b.value.trim())}?by=${e.by.value}`);
    });
    append(view, [form]);
    if (!a || !b) return;
    const d = await api(`dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, {by});
    append(view, [el("h1", {class: "dyad-title"}, `${d.names[d.a] || d.a} and ${d.names[d.b] || d.b}`),
      el("p", {class: "hint"}, `${d.events.length} events (one acting on the other, or both acting together), `
        + "each happening once however many outlets reported it; the trigger links to its first report."),
      d.series.length ? dyadChart(d.series) : el("p", {}, "No dated events between them."),
      el("table", {}, el("thead", {}, el("tr", {}, ["period", "direction", "event", "cameo", "modality", "trigger", "outlet",
        "sources"].map(c => el("th", {}, c)))), el("tbody", {}, d.events.map(r => el("tr", {class: ES.quadClass(r.quad)},
        el("td", {}, r.period || ""), el("td", {}, r.direction), el("td", {}, r.event), el("td", {}, r.cameo),
        el("td", {}, r.modality), el("td", {}, r.article_id == null ? (r.trigger_text || "") :
          el("a", {href: `#/article/${r.article_id}?event=${r.idx}`, title: r.sentence_text}, r.trigger_text)),
        el("td", {}, r.outlet || ""),
        el("td", {class: "dyad-sources"}, `${r.n_sources} (${r.n_independent} indep.)`)))))]);
  };

  // Nodes on a circle (stable, readable for the tens of actors a corpus has); edges coloured by the
  // share of cooperation, dashed for joint action, arrows for who acts on whom.
  ES.views.network = async function (view) {
    const net = await api("network", {limit: 150});
    append(view, [el("h1", {}, "Actor network"), el("p", {class: "hint"},
      "Who acts on whom: green cooperation, red conflict; dashed lines are actors acting together.")]);
    if (!net.nodes.length) return append(view, [el("p", {}, "No events between actors yet.")]);
    const W = 760, H = 620, R = Math.min(W, H) / 2 - 70, cx = W / 2, cy = H / 2;
    const pos = {};
    net.nodes.forEach((n, i) => {
      const t = 2 * Math.PI * i / net.nodes.length - Math.PI / 2;
      pos[n.id] = {x: cx + R * Math.cos(t), y: cy + R * Math.sin(t)};
    });
    const maxN = Math.max(1, ...net.nodes.map(n => n.events)), maxE = Math.max(1, ...net.edges.map(e => e.events));
    const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart network", role: "img", "aria-label": "actor network"},
      svg("defs", {}, ["coop", "conflict"].map(c => svg("marker", {id: "arrow-" + c, viewBox: "0 0 10 10", refX: 18, refY: 5,
        markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"}, svg("path", {d: "M0,0 L10,5 L0,10 z", class: c})))));
    for (const e of net.edges) {
      const [p, q] = [pos[e.source], pos[e.target]];
      const kind = e.cooperation >= e.conflict ? "coop" : "conflict";
      append(chart, [svg("line", {x1: p.x, y1: p.y, x2: q.x, y2: q.y, class: `edge ${kind} ${e.kind}`,
        "stroke-width": 1 + 5 * e.events / maxE, "marker-end": e.kind === "directed" ? `url(#arrow-${kind})` : null},
        svg("title", {}, `${e.source} ${e.kind === "joint" ? "with" : "→"} ${e.target}: ${e.cooperation} cooperation, `
          + `${e.conflict} conflict, mean Goldstein ${e.goldstein}`))]);
    }
    for (const n of net.nodes) {
      const {x, y} = pos[n.id];
      append(chart, [svg("g", {class: "node", "data-code": n.id},
        svg("a", {href: "#/events?actor=" + encodeURIComponent(n.id)},
          svg("circle", {cx: x, cy: y, r: 6 + 14 * Math.sqrt(n.events / maxN)}),
          svg("text", {x, y: y - 22, "text-anchor": "middle", class: "label"}, n.id)),
        svg("title", {}, `${n.name}: ${n.events} event links`))]);
    }
    append(view, [chart]);
  };
})();
