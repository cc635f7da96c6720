"use strict";
// The sentence table of report.html: filters, sorting, paging, span tooltips and triage.
// Rows come from the JSON block #data; batch text only ever reaches the page as DOM text.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const F = Object.fromEntries(data.fields.map((name, n) => [name, n]));
  const I = Object.fromEntries(data.issueFields.map((name, n) => [name, n]));
  const rows = data.rows;
  const PAGE = 200;
  const ICON = { ok: "✓", review: "⚑", reject: "✗" };
  const WEIGHT = { minor: 1, major: 5, critical: 25 };
  const DECISIONS = [["", "undecided"], ["false-positive", "false positive"], ["accepted", "accepted"]];
  const STORE = "mtaudit-waivers:" + data.batch;
  const $ = (id) => document.getElementById(id);
  const controls = ["f-doc", "f-verdict", "f-category", "f-code", "f-min", "f-max", "f-text", "f-sort"].map($);
  const tbody = $("rows");
  const tip = $("tip");
  const hay = new Array(rows.length);
  let view = [];
  let shown = 0;
  let decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { decisions = {}; }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

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
    tbody.replaceChildren();
    shown = 0;
    more(PAGE);
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

  const findingId = (k, n) => `f${k}-${n}`;

  // The text cut at every span boundary; a piece inside an issue span becomes a focusable
  // <mark> (coloured by the worst issue covering it), one inside a diff span is wrapped in `tag`.
  function pieces(text, issues, k, diff, tag) {
    const chars = Array.from(text); // Python offsets count code points, not UTF-16 units
    const clip = (a, b, n) => [Math.max(0, a), Math.min(chars.length, b), n];
    const spans = issues.map((i, n) => clip(i[I.start], i[I.end], n)).filter((s) => s[0] < s[1]);
    const changed = (diff || []).map((s) => clip(s[0], s[1])).filter((s) => s[0] < s[1]);
    const cuts = [...new Set([0, chars.length, ...spans.concat(changed).flatMap((s) => [s[0], s[1]])])]
      .sort((a, b) => a - b);
    const out = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const [a, b] = [cuts[c], cuts[c + 1]];
      let node = document.createTextNode(chars.slice(a, b).join(""));
      const cover = spans.filter((s) => s[0] <= a && b <= s[1]).map((s) => s[2]);
      if (cover.length) {
        const worst = cover.reduce((w, n) => (WEIGHT[issues[n][I.severity]] > WEIGHT[issues[w][I.severity]] ? n : w));
        const mark = el("mark", issues[worst][I.severity]);
        mark.append(node);
        mark.tabIndex = 0;
        mark.dataset.row = k;
        mark.dataset.issues = cover.join(" ");
        mark.setAttribute("aria-describedby", cover.map((n) => findingId(k, n)).join(" "));
        node = mark;
      }
      if (changed.some((s) => s[0] <= a && b <= s[1])) {
        const wrap = el(tag);
        wrap.append(node);
        node = wrap;
      }
      out.push(node);
    }
    return out;
  }

  function findings(k) {
    const r = rows[k];
    const list = el("ul", "findings");
    r[F.issues].forEach((i, n) => {
      const item = el("li");
      item.id = findingId(k, n);
      const suggestion = i[I.suggestion] ? ` → ${i[I.suggestion]}` : "";
      item.append(el("code", "", i[I.code]), " ", el("span", "sev", i[I.severity]), " ",
        el("span", "msg", `${i[I.message]}${suggestion}`), el("br"));
      const select = el("select");
      select.dataset.row = k;
      select.dataset.issue = n;
      select.setAttribute("aria-label", `Decision on ${i[I.code]}, ${data.docs[r[F.doc]]} row ${r[F.seg]}`);
      for (const [value, label] of DECISIONS) select.append(new Option(label, value));
      select.value = decisions[i[I.id]] ? decisions[i[I.id]].decision : "";
      item.append(select);
      decorate(item, select.value);
      list.append(item);
    });
    return list;
  }

  function decorate(item, decision) {
    item.classList.toggle("decided", decision !== "");
    item.dataset.decision = decision.replace("-", " ");
  }

  function renderRow(k) {
    const r = rows[k];
    const tr = el("tr", r[F.verdict]);
    const score = el("td", "num", r[F.score] === null ? "" : String(Math.round(r[F.score])));
    if (r[F.metrics]) score.append(el("div", "side", r[F.metrics]));
    const diff = r[F.diff] || [null, null];
    const sentence = el("td", "text");
    if (r[F.hypothesis]) sentence.append(...pieces(r[F.hypothesis], r[F.issues], k, diff[1], "ins"));
    else sentence.append(el("em", "side", "(no sentence: omitted from the translation)"));
    const reference = el("td", "text side ref");
    if (r[F.reference]) reference.append(...pieces(r[F.reference], [], k, diff[0], "del"));
    const where = el("td", "", data.docs[r[F.doc]]);
    where.append(el("div", "seg", `row ${r[F.seg]}`));
    const cells = [where, score,
      el("td", `verdict ${r[F.verdict]}`, `${ICON[r[F.verdict]] || ""} ${r[F.verdict]}`), sentence,
      reference, el("td", "text side src", r[F.source] || ""), el("td")];
    cells[6].append(findings(k));
    tr.append(...cells);
    return tr;
  }

  function decide(select) {
    const k = +select.dataset.row;
    const r = rows[k];
    const i = r[F.issues][+select.dataset.issue];
    const id = i[I.id];
    if (select.value) {
      const span = Array.from(r[F.hypothesis]).slice(i[I.start], i[I.end]).join("");
      decisions[id] = { id, code: i[I.code], decision: select.value, doc: data.docs[r[F.doc]], seg: r[F.seg],
        span, start: i[I.start], end: i[I.end] };
    } else {
      delete decisions[id];
    }
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); } catch (e) { /* storage off: keep in memory */ }
    decorate(select.closest("li"), select.value);
    counted();
  }

  function counted() {
    const n = Object.keys(decisions).length;
    $("export").disabled = n === 0;
    $("export").textContent = `Export waivers (${n})`;
  }

  function exportWaivers() {
    const file = { format: "mtaudit-waivers", version: 1, batch: data.batch, created: new Date().toISOString(),
      waivers: Object.values(decisions) };
    const blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${data.batch.replace(/[^\w.-]+/g, "_") || "batch"}-waivers.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
  }

  function showTip(mark) {
    const r = rows[+mark.dataset.row];
    tip.textContent = mark.dataset.issues.split(" ").map((n) => {
      const i = r[F.issues][+n];
      return `${i[I.code]} ${i[I.severity]}: ${i[I.message]}` + (i[I.suggestion] ? `\nSuggestion: ${i[I.suggestion]}` : "");
    }).join("\n");
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 4)) + scrollX}px`;
    tip.style.top = `${box.bottom + scrollY + 4}px`;
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

  let typing;
  const later = () => { clearTimeout(typing); typing = setTimeout(update, 150); };
  data.docs.forEach((name, n) => $("f-doc").append(new Option(name, String(n))));
  for (const c of controls) c.addEventListener(c.tagName === "INPUT" ? "input" : "change", c.tagName === "INPUT" ? later : update);
  $("reset").addEventListener("click", () => { reset(); update(); });
  $("more").addEventListener("click", () => more(PAGE));
  $("export").addEventListener("click", exportWaivers);
  tbody.addEventListener("change", (e) => { if (e.target.matches("select[data-issue]")) decide(e.target); });
  for (const b of document.querySelectorAll("button[data-filter]")) b.addEventListener("click", () => applyFilter(b));
  for (const type of ["mouseover", "focusin"]) {
    document.addEventListener(type, (e) => {
      const mark = e.target.closest && e.target.closest("mark[data-issues]");
      if (mark) showTip(mark);
    });
  }
  for (const type of ["mouseout", "focusout"]) {
    document.addEventListener(type, (e) => { if (e.target.closest && e.target.closest("mark[data-issues]")) tip.hidden = true; });
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") tip.hidden = true; });
  window.addEventListener("beforeprint", () => more(view.length)); // print every matching row
  const table = tbody.closest("table");
  table.classList.toggle("no-ref", !rows.some((r) => r[F.reference] !== null));
  table.classList.toggle("no-src", !rows.some((r) => r[F.source] !== null));
  counted();
  update();
})();
