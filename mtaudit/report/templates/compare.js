"use strict";
// The sentences of compare.html: each sentence's translations side by side (best and outliers
// marked, findings highlighted), filters (where the systems disagree most, where verdicts
// differ, flagged in a system, document, text), sorting and paging. Rows come from the JSON
// block #data; batch text only ever reaches the page as DOM text (common.js).
(function () {
  const { el, pieces, finding } = MT;
  const data = JSON.parse(document.getElementById("data").textContent);
  const S = Object.fromEntries(data.fields.map((name, n) => [name, n]));
  const T = Object.fromEntries(data.translationFields.map((name, n) => [name, n]));
  const I = Object.fromEntries(data.issueFields.map((name, n) => [name, n]));
  const rows = data.rows;
  const PAGE = 100;
  const ICON = { ok: "✓", review: "⚑", reject: "✗" };
  const $ = (id) => document.getElementById(id);
  const controls = ["c-show", "c-system", "c-doc", "c-text", "c-sort"].map($);
  const box = $("sents");
  const docs = [...new Set(rows.map((r) => r[S.doc]))];
  let view = [];
  let shown = 0;

  const translations = (k) => rows[k][S.translations];
  const spread = (k) => {
    const scores = translations(k).map((t) => t[T.score]).filter((x) => x !== null);
    return scores.length ? Math.max(...scores) - Math.min(...scores) : 0;
  };
  const differ = (k) => new Set(translations(k).map((t) => t[T.flagged])).size > 1;

  function matches(k) {
    const r = rows[k];
    const show = $("c-show").value;
    if (show === "disagree" && !(r[S.disagreement] !== null && data.disagreeFrom !== null && r[S.disagreement] >= data.disagreeFrom)) return false;
    if (show === "differ" && !differ(k)) return false;
    if (show === "flagged" && !translations(k).some((t) => t[T.flagged])) return false;
    if (show === "outlier" && !translations(k).some((t) => t[T.outlier])) return false;
    const system = $("c-system").value;
    if (system !== "" && !translations(k)[+system][T.flagged]) return false;
    if ($("c-doc").value !== "" && r[S.doc] !== $("c-doc").value) return false;
    const text = $("c-text").value.trim().toLowerCase();
    if (!text) return true;
    return [r[S.source] || "", r[S.reference] || "", ...translations(k).map((t) => t[T.hypothesis])]
      .some((x) => x.toLowerCase().includes(text));
  }

  const SORTS = {
    disagree: (a, b) => (rows[b][S.disagreement] || 0) - (rows[a][S.disagreement] || 0),
    spread: (a, b) => spread(b) - spread(a),
  };

  function update() {
    view = [];
    for (let k = 0; k < rows.length; k++) if (matches(k)) view.push(k);
    const order = SORTS[$("c-sort").value];
    if (order) view.sort((a, b) => order(a, b) || a - b);
    box.replaceChildren();
    shown = 0;
    more(PAGE);
  }

  function more(n) {
    const page = document.createDocumentFragment();
    const end = Math.min(view.length, shown + n);
    for (; shown < end; shown++) page.append(sentence(view[shown]));
    box.append(page);
    $("c-count").textContent = `Showing ${shown.toLocaleString("en")} of ${view.length.toLocaleString("en")} ` +
      `matching sentences (${rows.length.toLocaleString("en")} compared)`;
    $("c-more").hidden = shown >= view.length;
    $("c-more").textContent = `Show ${Math.min(PAGE, view.length - shown)} more`;
  }

  function sentence(k) {
    const r = rows[k];
    const card = el("article", "sent");
    card.dataset.k = k;
    const head = el("div", "head");
    head.append(el("span", "where", `${r[S.doc]} · row ${r[S.seg]}`));
    if (r[S.disagreement] !== null) {
      const top = data.disagreeFrom !== null && r[S.disagreement] >= data.disagreeFrom;
      head.append(el("span", top ? "dis top" : "dis", `disagreement ${r[S.disagreement].toFixed(1)}`));
    }
    card.append(head);
    if (r[S.source]) {
      const src = el("p", "src", r[S.source]);
      if (data.lang) src.lang = data.lang;
      src.dir = "auto";
      card.append(labelled("source", src));
    }
    if (r[S.reference]) card.append(labelled("reference", el("p", "ref", r[S.reference])));
    const grid = el("div", "systems-grid");
    translations(k).forEach((t, s) => grid.append(translation(k, s, t)));
    card.append(grid);
    return card;
  }

  function labelled(label, node) {
    const wrap = el("div", "ctx");
    wrap.append(el("span", "label", label), node);
    return wrap;
  }

  function translation(k, s, t) {
    const cell = el("section", `tr ${t[T.verdict]}${t[T.best] ? " best" : ""}${t[T.outlier] ? " outlier" : ""}`);
    cell.dataset.system = data.systems[s];
    cell.setAttribute("aria-label", `${data.systems[s]}: ${t[T.verdict]}`);
    const head = el("div", "thead");
    head.append(el("strong", "name", data.systems[s]));
    if (t[T.best]) head.append(el("span", "tag best", "★ best"));
    if (t[T.outlier]) head.append(el("span", "tag outlier", "↯ outlier"));
    const figure = el("span", "fig");
    figure.append(el("strong", "", t[T.shown]), " ", el("span", `verdict ${t[T.verdict]}`, `${ICON[t[T.verdict]] || ""} ${t[T.verdict]}`));
    head.append(figure);
    cell.append(head);
    const issues = t[T.issues];
    const spans = issues.map((i) => [i[I.start], i[I.end], i[I.severity]]);
    const text = el("p", "hyp");
    if (t[T.hypothesis]) {
      text.append(...pieces(t[T.hypothesis], spans, null, "ins", (mark, cover) => {
        mark.dataset.row = k;
        mark.dataset.sys = s;
        mark.dataset.issues = cover.join(" ");
      }));
    } else {
      text.append(el("em", "side", "(no translation)"));
    }
    cell.append(text);
    const notes = [];
    if (t[T.reason]) notes.push(t[T.reason]);
    if (t[T.consensus] !== null) notes.push(`agreement ${t[T.consensus].toFixed(1)}`);
    if (t[T.chrf] !== null) notes.push(`chrF ${t[T.chrf].toFixed(1)}`);
    if (notes.length) cell.append(el("div", "side notes", notes.join(" · ")));
    if (issues.length) {
      const details = el("details", "findings");
      const summary = el("summary");
      summary.append(`${issues.length} finding${issues.length > 1 ? "s" : ""} `);
      for (const code of new Set(issues.map((i) => i[I.code]))) {
        const worst = issues.filter((i) => i[I.code] === code)
          .reduce((w, i) => (MT.WEIGHT[i[I.severity]] > MT.WEIGHT[w] ? i[I.severity] : w), "minor");
        summary.append(el("span", `chip ${worst}`, code), " ");
      }
      const list = el("ul");
      for (const i of issues) {
        const item = el("li");
        item.append(...finding(i[I.code], i[I.severity], i[I.message], i[I.suggestion]));
        list.append(item);
      }
      details.append(summary, list);
      cell.append(details);
    }
    return cell;
  }

  function reset() {
    for (const c of controls) c.value = c.tagName === "INPUT" ? c.defaultValue : c.options[0].value;
  }

  data.systems.forEach((name, s) => $("c-system").append(new Option(name, String(s))));
  docs.forEach((name) => $("c-doc").append(new Option(name, name)));
  let typing;
  for (const c of controls) {
    c.addEventListener(c.tagName === "INPUT" ? "input" : "change",
      c.tagName === "INPUT" ? () => { clearTimeout(typing); typing = setTimeout(update, 150); } : update);
  }
  $("c-reset").addEventListener("click", () => { reset(); update(); });
  $("c-more").addEventListener("click", () => more(PAGE));
  MT.tooltip($("tip"), (mark) => mark.dataset.issues.split(" ").map((n) => {
    const i = translations(+mark.dataset.row)[+mark.dataset.sys][T.issues][+n];
    return [i[I.code], i[I.severity], i[I.message], i[I.suggestion]];
  }));
  window.addEventListener("beforeprint", () => more(view.length));
  update();
})();
