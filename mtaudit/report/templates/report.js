"use strict";
// The sentence table of report.html: filters, sorting, paging and span tooltips; triage is
// triage.js, the shared helpers common.js. Rows come from the JSON block #data; batch text only
// ever reaches the page as DOM text.
(function () {
  const { el, pieces } = MT;
  const data = JSON.parse(document.getElementById("data").textContent);
  const F = Object.fromEntries(data.fields.map((name, n) => [name, n]));
  const I = Object.fromEntries(data.issueFields.map((name, n) => [name, n]));
  const rows = data.rows;
  const PAGE = 200;
  const ICON = { ok: "✓", review: "⚑", reject: "✗" };
  const $ = (id) => document.getElementById(id);
  const controls = ["f-doc", "f-verdict", "f-category", "f-code", "f-min", "f-max", "f-text", "f-sort", "f-diff"].map($);
  const tbody = $("rows");
  const table = tbody.closest("table");
  const hay = new Array(rows.length);
  const drawn = new Map(); // row number -> its <tr>, for the rows drawn so far
  const diffToggled = new Set(); // rows whose word diff the reviewer switched from its default
  let view = [];
  let shown = 0;

  function filters() {
    const num = (input, fallback) => (input.value === "" || isNaN(+input.value) ? fallback : +input.value);
    return { doc: $("f-doc").value, verdict: $("f-verdict").value, category: $("f-category").value,
      code: $("f-code").value, min: num($("f-min"), 0), max: num($("f-max"), 100),
      text: $("f-text").value.trim().toLowerCase(), sort: $("f-sort").value };
  }

  function haystack(k) {
    if (hay[k] === undefined) {
      const r = rows[k];
      hay[k] = [data.docs[r[F.doc]], r[F.hypothesis], r[F.reference] || "", r[F.source] || ""].join("\n").toLowerCase();
    }
    return hay[k];
  }

  function matches(k, f) {
    const r = rows[k];
    if (f.doc !== "" && r[F.doc] !== +f.doc) return false;
    if (f.verdict && (f.verdict === "flagged" ? !r[F.flagged] : r[F.verdict] !== f.verdict)) return false;
    const score = r[F.score];
    if (score !== null && (score < f.min || score > f.max)) return false;
    if (f.category && !r[F.issues].some((i) => i[I.category] === f.category)) return false;
    if (f.code && !r[F.issues].some((i) => i[I.code] === f.code)) return false;
    return !f.text || haystack(k).includes(f.text);
  }

  // Sorting by score sorts by the number shown, the verdict's source.
  const SORTS = {
    "score-asc": (a, b) => rows[a][F.score] - rows[b][F.score],
    "score-desc": (a, b) => rows[b][F.score] - rows[a][F.score],
    issues: (a, b) => rows[b][F.issues].length - rows[a][F.issues].length,
    doc: (a, b) => rows[a][F.doc] - rows[b][F.doc] || rows[a][F.seg] - rows[b][F.seg],
  };

  function update() {
    const f = filters();
    view = [];
    for (let k = 0; k < rows.length; k++) if (matches(k, f)) view.push(k);
    const order = SORTS[f.sort];
    if (order) view.sort((a, b) => order(a, b) || a - b);
    // a column no sentence in view has is not drawn (documents without a reference, say)
    table.classList.toggle("no-ref", !view.some((k) => rows[k][F.reference] !== null));
    table.classList.toggle("no-src", !view.some((k) => rows[k][F.source] !== null));
    tbody.replaceChildren();
    drawn.clear();
    shown = 0;
    more(PAGE);
    triage.viewChanged();
  }

  function more(n) {
    const page = document.createDocumentFragment();
    const end = Math.min(view.length, shown + n);
    for (; shown < end; shown++) page.append(renderRow(view[shown]));
    tbody.append(page);
    $("count").textContent = `Showing ${shown.toLocaleString("en")} of ${view.length.toLocaleString("en")} ` +
      `matching sentences (${rows.length.toLocaleString("en")} in the batch)`;
    const button = $("more");
    button.hidden = shown >= view.length;
    button.textContent = `Show ${Math.min(PAGE, view.length - shown)} more`;
  }

  function diffOn(k) {
    const mode = $("f-diff").value;
    if (mode !== "auto") return mode === "on";
    return !rows[k][F.diffOff] !== diffToggled.has(k);
  }

  function cell(className, label, text) {
    const td = el("td", className, text);
    td.dataset.label = label;
    return td;
  }

  function scoreCell(r) {
    const td = cell("num score", "score");
    td.append(el("strong", "", r[F.shown]));
    if (r[F.score] !== null) {
      td.title = `score ${r[F.score].toFixed(2)}; ${(data.lines[r[F.line]] || [])[2] || ""}`;
    }
    if (r[F.metrics]) td.append(el("div", "side metrics", r[F.metrics]));
    return td;
  }

  function renderRow(k) {
    const r = rows[k];
    const tr = el("tr", r[F.verdict]);
    tr.dataset.k = k;
    tr.tabIndex = -1;
    const where = cell("where", "document", data.docs[r[F.doc]]);
    where.append(el("div", "seg", `row ${r[F.seg]}`));
    const verdict = cell(`verdict ${r[F.verdict]}`, "verdict");
    verdict.append(el("span", "word", `${ICON[r[F.verdict]] || ""} ${r[F.verdict]}`));
    if (r[F.reason]) verdict.append(el("div", "reason", r[F.reason]));
    verdict.append(el("div", "tri"));
    const diff = r[F.diff] || [null, null];
    const on = diffOn(k);
    const spans = r[F.issues].map((i) => [i[I.start], i[I.end], i[I.severity]]);
    const onMark = (mark, cover) => {
      mark.dataset.row = k;
      mark.dataset.issues = cover.join(" ");
      mark.setAttribute("aria-describedby", cover.map((n) => `f${k}-${n}`).join(" "));
    };
    const sentence = cell("text hyp", "sentence");
    if (r[F.hypothesis]) sentence.append(...pieces(r[F.hypothesis], spans, on ? diff[1] : null, "ins", onMark));
    else sentence.append(el("em", "side", "(no sentence: omitted from the translation)"));
    const reference = cell("text side ref", "reference");
    if (r[F.reference]) reference.append(...pieces(r[F.reference], [], on ? diff[0] : null, "del", onMark));
    if (r[F.diff] && $("f-diff").value === "auto" && (r[F.diffOff] || diffToggled.has(k))) {
      const toggle = el("button", "link difftoggle", on ? "hide word diff" : "word diff hidden (it marks most words): show");
      toggle.type = "button";
      toggle.dataset.diff = k;
      reference.append(el("br"), toggle);
    }
    const source = cell("text side src", "source", r[F.source] || "");
    const lang = data.langs[r[F.doc]];
    if (lang && r[F.source]) source.lang = lang;
    source.dir = "auto";
    // a sentence without a reference or source lends that column to its neighbour, so no empty
    // cell is drawn (a column is hidden altogether when no sentence in view has it)
    const cells = [where, scoreCell(r), verdict, sentence];
    let last = sentence;
    if (!table.classList.contains("no-ref")) {
      if (r[F.reference] !== null) cells.push(last = reference); else last.colSpan += 1;
    }
    if (!table.classList.contains("no-src")) {
      if (r[F.source] !== null) cells.push(source); else last.colSpan += 1;
    }
    tr.append(...cells, triage.cell(k));
    triage.paint(tr, k);
    drawn.set(k, tr);
    return tr;
  }

  function redraw(k) {
    const old = drawn.get(k);
    if (old) old.replaceWith(renderRow(k));
  }

  function reset() {
    for (const c of controls) c.value = c.tagName === "INPUT" ? c.defaultValue : c.options[0].value;
  }

  function applyFilter(button) {
    const kind = button.dataset.filter;
    const select = $(`f-${kind}`);
    reset();
    select.value = kind === "doc" ? String(data.docs.indexOf(button.dataset.value)) : button.dataset.value;
    update();
    $("sentences").scrollIntoView();
    select.focus();
  }

  const triage = Triage(data, rows, F, I, {
    body: tbody,
    view: () => view,
    row: (k) => drawn.get(k),
    show: (pos) => { while (shown <= pos) more(PAGE); return drawn.get(view[pos]); },
  });
  let typing;
  const later = () => { clearTimeout(typing); typing = setTimeout(update, 150); };
  data.docs.forEach((name, n) => $("f-doc").append(new Option(name, String(n))));
  for (const c of controls) c.addEventListener(c.tagName === "INPUT" ? "input" : "change", c.tagName === "INPUT" ? later : update);
  $("reset").addEventListener("click", () => { reset(); update(); });
  $("more").addEventListener("click", () => more(PAGE));
  tbody.addEventListener("click", (e) => {
    const toggle = e.target.closest("button[data-diff]");
    if (!toggle) return;
    const k = +toggle.dataset.diff;
    if (diffToggled.has(k)) diffToggled.delete(k); else diffToggled.add(k);
    redraw(k);
    const again = drawn.get(k).querySelector("button[data-diff]");
    if (again) again.focus();
  });
  for (const b of document.querySelectorAll("button[data-filter]")) b.addEventListener("click", () => applyFilter(b));
  MT.tooltip($("tip"), (mark) => mark.dataset.issues.split(" ").map((n) => {
    const i = rows[+mark.dataset.row][F.issues][+n];
    return [i[I.code], i[I.severity], i[I.message], i[I.suggestion]];
  }));
  window.addEventListener("beforeprint", () => { // print every matching row, findings unfolded
    more(view.length);
    for (const d of tbody.querySelectorAll("details")) d.open = true;
  });
  update();
})();
