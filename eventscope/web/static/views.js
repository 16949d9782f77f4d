// eventscope dashboard views: stories, a story side by side, events, an article, search, quarantine.
"use strict";

(function () {
  const {el, api, append} = ES;
  const PAGE = 50;

  function table(cols, rows, cell) {
    return el("table", {}, el("thead", {}, el("tr", {}, cols.map(c => el("th", {}, c)))),
      el("tbody", {}, rows.map(r => el("tr", {class: ES.quadClass(r.quad)},
        cols.map(c => el("td", {"data-col": c}, cell(r, c)))))));
  }

  ES.views.stories = async function (view) {
    const rows = await api("stories", {limit: 200});
    append(view, [el("h1", {}, "Stories"), el("p", {class: "hint"}, "Stories told by most outlets first.")]);
    if (!rows.length) return append(view, [el("p", {}, "No stories yet: ingest some articles.")]);
    append(view, [table(["title", "outlets", "articles", "published"], rows, (r, c) => {
      if (c === "title") return el("a", {href: "#/story/" + encodeURIComponent(r.id), class: "story-link",
        "data-outlets": r.n_outlets}, r.title || r.id);
      if (c === "outlets") return (r.outlets || []).join(", ");
      if (c === "articles") return String(r.n_articles);
      return [r.first_published, r.last_published].filter(Boolean).join(" – ");
    })]);
  };

  function eventLabel(g) {
    return `${g.event || "?"} ${g.cameo || ""} · ${ES.codes(g.actor_codes)} → ${ES.codes(g.recipient_codes)}`;
  }

  function comparison(g) {
    const box = el("div", {class: "compare"});
    for (const f of g.agreements || []) {
      append(box, [el("span", {class: "agree", title: "the outlets agree"}, "✓ " + f)]);
    }
    for (const f of g.discrepancies || []) {
      const vals = Object.entries(g.values[f] || {}).map(([o, vs]) => `${o}: ${vs.join(", ")}`).join(" | ");
      append(box, [el("span", {class: "differ", title: vals}, "≠ " + f + " (" + vals + ")")]);
    }
    // What the reports say about the happening (figures, names, place, date), as the stories stage read it.
    for (const a of g.facts_agreed || []) {
      append(box, [el("span", {class: "agree fact", title: `${a.reports} reports give it`},
        `✓ ${a.attribute}: ${a.value} (${a.reports})`)]);
    }
    for (const d of g.facts_differ || []) {
      const vals = Object.entries(d.values).map(([v, n]) => `${v} (${n})`).join(" | ");
      append(box, [el("span", {class: "differ fact", title: "the reports give different values"},
        `≠ ${d.attribute}: ${vals}`)]);
    }
    if (g.n_outlets < 2) append(box, [el("span", {class: "single"}, "only in " + g.outlets.join(", "))]);
    return box;
  }

  ES.views.story = async function (view, args, params) {
    const s = await api("stories/" + encodeURIComponent(args[0]));
    append(view, [el("h1", {}, s.title || "Story"),
      el("p", {class: "hint"}, `${s.articles.length} articles from ${s.outlets.join(", ") || "unknown outlets"}`
        + (s.fused ? " · events fused by the stories stage" : " · events lined up by participants and trigger"))]);
    const texts = el("div", {class: "columns", style: null});
    const columns = {};
    for (const a of s.articles) {
      const body = el("div", {class: "text", "data-article-id": a.id});
      body.appendChild(ES.markedText(a.text, []));
      columns[a.id] = {article: a, body};
      append(texts, [el("section", {class: "column", "data-outlet": a.outlet || ""},
        el("h2", {}, a.outlet || "(no outlet)"),
        el("p", {class: "meta"}, [a.published || "", " · ", el("a", {href: "#/article/" + a.id}, a.title || a.id)]),
        body)]);
    }
    const list = el("ol", {class: "events"});
    function select(g, item) {
      for (const li of list.querySelectorAll("li")) li.classList.remove("selected");
      item.classList.add("selected");
      for (const {article, body} of Object.values(columns)) {
        const marks = [];
        for (const src of g.sources.filter(x => x.article_id === article.id)) {
          marks.push({start: src.sentence[0], end: src.sentence[1], cls: "sentence", title: "evidence"});
          marks.push({start: src.trigger[0], end: src.trigger[1], cls: "trigger",
            title: `${src.event} ${src.cameo} (${src.modality})`});
        }
        ES.clear(body).appendChild(ES.markedText(article.text, marks));
        const first = body.querySelector("mark.trigger");
        if (first) first.scrollIntoView({block: "center"});
      }
      history.replaceState(null, "", "#/story/" + encodeURIComponent(s.id) + "?event=" + encodeURIComponent(g.id));
    }
    for (const g of s.events) {
      const item = el("li", {class: ES.quadClass(g.quad), "data-event-id": g.id, tabindex: 0},
        el("button", {type: "button", class: "event-button"}, eventLabel(g)),
        el("div", {class: "triggers"}, g.sources.map(x => `${x.outlet || x.article_id}: “${x.trigger_text}”`).join(" · ")),
        comparison(g));
      item.querySelector("button").addEventListener("click", () => select(g, item));
      append(list, [item]);
    }
    append(view, [el("div", {class: "story"}, el("aside", {}, el("h2", {}, "Events"),
      s.events.length ? list : el("p", {}, "No events coded.")), texts)]);
    const wanted = params.get("event");
    const g = s.events.find(x => x.id === wanted);
    if (g) select(g, list.querySelector(`li[data-event-id="${CSS.escape(g.id)}"]`));
  };

  const TYPES = ["", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const MODALITIES = ["", "asserted", "planned", "hypothetical", "negated", "historical"];

  ES.views.events = async function (view, args, params) {
    const f = Object.fromEntries(["actor", "recipient", "type", "modality", "since", "until"]
      .map(k => [k, params.get(k) || ""]));
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const form = el("form", {class: "filters"});
    for (const k of ["actor", "recipient", "since", "until"]) {
      append(form, [el("label", {}, k, el("input", {name: k, value: f[k], placeholder: k === "since" || k === "until"
        ? "YYYY-MM-DD" : "code or name"}))]);
    }
    for (const [k, opts] of [["type", TYPES], ["modality", MODALITIES]]) {
      const sel = el("select", {name: k}, opts.map(o => el("option", {value: o, selected: o === f[k] ? "" : null}, o || "any")));
      append(form, [el("label", {}, k, sel)]);
    }
    // Happenings (events fused across outlets, each once) or every report's own event, as GDELT counts.
    const count = params.get("count") === "reports" ? "reports" : "happenings";
    append(form, [el("label", {}, "count", el("select", {name: "count"}, ["happenings", "reports"].map(
      o => el("option", {value: o, selected: o === count ? "" : null}, o))))]);
    append(form, [el("button", {type: "submit"}, "Filter")]);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) if (v) q.set(k, v);
      ES.go("#/events?" + q.toString());
    });
    append(view, [el("h1", {}, "Events"), form]);
    let page = count === "happenings" ? await api("fused-events", {...f, limit: PAGE, offset}) : null;
    if (page && !page.rows.length && offset === 0) {
      const reports = await api("events", {...f, limit: 1});
      if (reports.rows.length) page = null;  // the stories were never grouped: there are only reports
    }
    const fused = page !== null;
    if (!fused) page = await api("events", {...f, limit: PAGE, offset});
    else append(view, [el("p", {class: "hint"}, "Each happening once, however many outlets reported it.")]);
    const cols = ["date", "event", "cameo", "actor", "recipient", "modality"]
      .concat(fused ? ["sources", "story"] : ["trigger", "outlet"]);
    append(view, [table(cols, page.rows, (r, c) => {
      if (c === "date") return fused ? r.date || (r.first_report || "").slice(0, 10) : ES.date(r);
      if (c === "actor") return ES.codes(r.actor_codes);
      if (c === "recipient") return ES.codes(r.recipient_codes);
      if (c === "sources") return `${r.n_sources} (${r.n_independent} indep.)`;
      if (c === "story") return el("a", {href: "#/story/" + encodeURIComponent(r.story_id) + "?event="
        + encodeURIComponent(r.id)}, "story");
      if (c === "trigger") return el("a", {href: `#/article/${r.article_id}?event=${r.idx}`, title: r.sentence_text},
        r.trigger_text);
      return r[c] === null || r[c] === undefined ? "" : String(r[c]);
    })]);
    const q = new URLSearchParams(params);
    const pager = el("div", {class: "pager"});
    if (offset > 0) { q.set("offset", Math.max(0, offset - PAGE)); append(pager, [el("a", {href: "#/events?" + q, rel: "prev"}, "← previous")]); }
    append(pager, [` rows ${page.rows.length ? offset + 1 : 0}–${offset + page.rows.length} `]);
    if (page.more) { q.set("offset", offset + PAGE); append(pager, [el("a", {href: "#/events?" + q, rel: "next"}, "next →")]); }
    append(view, [pager]);
  };

  ES.views.article = async function (view, args, params) {
    const a = await api("articles/" + encodeURIComponent(args[0]));
    const focus = params.get("event");
    const marks = [];
    a.events.forEach((e, i) => {
      if (focus !== null && String(i) !== focus) return;
      marks.push({start: e.sentence[0], end: e.sentence[1], cls: "sentence"});
      marks.push({start: e.trigger.span[0], end: e.trigger.span[1], cls: "trigger", title: `${e.event} ${e.cameo}`});
    });
    for (const qt of a.quotes) marks.push({start: qt.span[0], end: qt.span[1], cls: "quote", title: "quote"});
    const body = el("div", {class: "text", "data-article-id": a.id});
    body.appendChild(ES.markedText(a.text, marks));
    const link = a.url ? el("a", {href: a.url, rel: "noopener noreferrer", target: "_blank"}, a.url) : a.origin;
    append(view, [el("h1", {}, a.title || a.id),
      el("p", {class: "meta"}, [a.outlet || "(no outlet)", " · ", a.published || "undated", " · ", link, " · story ",
        el("a", {href: "#/story/" + encodeURIComponent(a.story || a.id)}, a.story || a.id)]),
      el("div", {class: "story"}, el("aside", {}, el("h2", {}, "Events"),
        el("ol", {class: "events"}, a.events.map((e, i) => el("li", {class: ES.quadClass(e.quad)},
          el("a", {href: `#/article/${a.id}?event=${i}`}, `${e.event} ${e.cameo} “${e.trigger.text}” (${e.modality})`)))),
        el("h2", {}, "Quotes"), el("ul", {class: "quotes"}, a.quotes.map(q =>
          el("li", {}, el("b", {}, (q.speaker && (q.speaker.name || q.speaker.text)) || "?"), ": ", q.text)))),
      el("section", {class: "column"}, body))]);
  };

  ES.views.search = async function (view, args, params) {
    const q = params.get("q") || "";
    const form = el("form", {class: "filters"}, el("input", {name: "q", value: q, placeholder: "words in articles or quotes",
      "aria-label": "search"}), el("button", {type: "submit"}, "Search"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      ES.go("#/search?q=" + encodeURIComponent(form.elements.q.value));
    });
    append(view, [el("h1", {}, "Search"), form]);
    if (!q) return;
    const [arts, quotes] = await Promise.all([api("articles", {search: q, limit: 100}), api("quotes", {search: q, limit: 100})]);
    append(view, [el("h2", {}, `Articles (${arts.length})`), table(["published", "outlet", "title"], arts, (r, c) =>
      c === "title" ? el("a", {href: "#/article/" + r.id}, r.title || r.snippet || r.id) : (r[c] || "")),
    el("h2", {}, `Quotes (${quotes.length})`), table(["speaker", "text"], quotes, (r, c) =>
      c === "text" ? el("a", {href: "#/article/" + r.article_id}, r.text) : (r.speaker || "?"))]);
  };

  ES.views.quarantine = async function (view) {
    const rows = await api("quarantine", {limit: 500});
    append(view, [el("h1", {}, "Quarantine"), el("p", {class: "hint"}, "Inputs that could not be used, and why."),
      rows.length ? table(["origin", "size", "reason", "quarantined_at"], rows, (r, c) => String(r[c] ?? ""))
        : el("p", {}, "Nothing quarantined.")]);
  };
})();
