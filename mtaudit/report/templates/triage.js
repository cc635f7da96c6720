"use strict";
// Triage in report.html, like a code-review tool: j/k move between flagged sentences, a accepts
// and f marks as false positive the current sentence's findings (or the one finding in focus),
// u undoes, n goes to the next sentence not yet triaged, o opens the findings, ? lists the keys.
// Decisions are kept in localStorage per report (data.store) and exported as a waiver file in
// mtaudit/waivers.py's format; a flagged sentence without findings gets a sentence decision,
// which counts as triaged and is exported beside the waivers ("reviewed", for people).
function Triage(data, rows, F, I, page) {
  const { el, finding } = MT;
  const LABEL = { accepted: "accepted", "false-positive": "false positive" };
  const ICON = { accepted: "✓", "false-positive": "⊘" };
  const $ = (id) => document.getElementById(id);
  const history = [];
  let state = load();
  let current = null; // row number of the sentence the keys act on

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(data.store) || "null");
      if (saved && saved.findings && saved.sentences) return saved;
      // decisions made on an older page of this batch: {finding id: waiver entry}
      const older = JSON.parse(localStorage.getItem(`mtaudit-waivers:${data.batch}`) || "null");
      if (older && typeof older === "object") return { findings: older, sentences: {} };
    } catch (e) { /* unreadable: start afresh */ }
    return { findings: {}, sentences: {} };
  }

  function save() {
    try { localStorage.setItem(data.store, JSON.stringify(state)); } catch (e) { /* storage off: keep in memory */ }
  }

  function hash(text) { // FNV-1a: a short key for a sentence's text
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16);
  }

  const sentenceKey = (k) => `${data.docs[rows[k][F.doc]]}\u001f${rows[k][F.seg]}\u001f${hash(rows[k][F.hypothesis])}`;
  const findingDecision = (i) => (state.findings[i[I.id]] || {}).decision || "";

  // "" (undecided), "partial" (some findings decided), "mixed", or the one decision of them all.
  function rowState(k) {
    const issues = rows[k][F.issues];
    if (!issues.length) return (state.sentences[sentenceKey(k)] || {}).decision || "";
    const all = issues.map(findingDecision);
    if (all.every((d) => d === all[0])) return all[0];
    return all.includes("") ? "partial" : "mixed";
  }
  const triaged = (k) => !["", "partial"].includes(rowState(k));

  // Set (or with "" clear) the decision on row k's findings, or on finding `only` alone.
  function decide(k, decision, only) {
    const r = rows[k];
    const changes = [];
    const put = (kind, key, entry) => {
      changes.push([kind, key, state[kind][key]]);
      if (decision) state[kind][key] = entry; else delete state[kind][key];
    };
    if (!r[F.issues].length) {
      put("sentences", sentenceKey(k), { doc: data.docs[r[F.doc]], seg: r[F.seg], decision });
    } else {
      r[F.issues].forEach((i, n) => {
        if (only !== undefined && n !== only) return;
        const span = Array.from(r[F.hypothesis]).slice(i[I.start], i[I.end]).join("");
        put("findings", i[I.id], { id: i[I.id], code: i[I.code], decision, doc: data.docs[r[F.doc]], seg: r[F.seg],
          span, start: i[I.start], end: i[I.end] });
      });
    }
    history.push({ k, changes });
    changed(k);
  }

  function undo() {
    const last = history.pop();
    if (!last) return say("Nothing to undo.");
    for (const [kind, key, before] of last.changes.reverse()) {
      if (before) state[kind][key] = before; else delete state[kind][key];
    }
    changed(last.k);
    go(last.k);
    say(`Undone: ${data.docs[rows[last.k][F.doc]]} row ${rows[last.k][F.seg]}.`);
  }

  function changed(k) {
    save();
    const tr = page.row(k);
    if (tr) paint(tr, k);
    progress();
  }

  function progress() {
    let flagged = 0;
    let done = 0;
    for (let k = 0; k < rows.length; k++) {
      if (rows[k][F.flagged]) { flagged++; if (triaged(k)) done++; }
    }
    $("progress").textContent = `${done.toLocaleString("en")} of ${flagged.toLocaleString("en")} flagged sentences triaged`;
    const n = Object.keys(state.findings).length;
    const reviewed = Object.keys(state.sentences).length;
    $("export").disabled = n + reviewed === 0;
    $("export").textContent = `Export waivers (${n})`;
  }

  // The findings cell: the sentence's decision buttons, then its findings folded into one
  // <details> (code chips in the summary; messages and per-finding buttons inside).
  function cell(k) {
    const r = rows[k];
    const td = el("td", "findings");
    td.dataset.label = "findings";
    const issues = r[F.issues];
    if (!issues.length && !r[F.flagged]) return td;
    const bar = el("span", "decide");
    bar.append(button(k, "accepted"), button(k, "false-positive"));
    td.append(bar);
    if (!issues.length) {
      td.append(el("span", "side", "no finding: flagged by its score"));
      return td;
    }
    const details = el("details");
    const summary = el("summary");
    summary.append(el("span", "n", `${issues.length} finding${issues.length > 1 ? "s" : ""}`));
    const worst = new Map();
    for (const i of issues) {
      if (!worst.has(i[I.code]) || MT.WEIGHT[i[I.severity]] > MT.WEIGHT[worst.get(i[I.code])]) worst.set(i[I.code], i[I.severity]);
    }
    [...worst].slice(0, 3).forEach(([code, severity]) => summary.append(" ", el("span", `chip ${severity}`, code)));
    if (worst.size > 3) summary.append(" ", el("span", "chip", `+${worst.size - 3}`));
    const list = el("ol");
    issues.forEach((i, n) => {
      const item = el("li");
      item.id = `f${k}-${n}`;
      item.dataset.n = n;
      item.append(button(k, "accepted", n), button(k, "false-positive", n), " ",
        ...finding(i[I.code], i[I.severity], i[I.message], i[I.suggestion]));
      list.append(item);
    });
    details.append(summary, list);
    td.append(details);
    return td;
  }

  function button(k, decision, n) {
    const what = n === undefined ? "this sentence's findings" : `finding ${rows[k][F.issues][n][I.code]}`;
    const b = el("button", `dec ${decision}`, ICON[decision]);
    b.type = "button";
    b.dataset.d = decision;
    if (n !== undefined) b.dataset.n = n;
    b.title = `${decision === "accepted" ? "Accept" : "Mark as false positive"} ${what} (${decision === "accepted" ? "a" : "f"})`;
    b.setAttribute("aria-label", `${LABEL[decision]}: ${what}, ${data.docs[rows[k][F.doc]]} row ${rows[k][F.seg]}`);
    return b;
  }

  // Row k's look after a decision: its class, badge, pressed buttons and decided findings.
  function paint(tr, k) {
    const s = rowState(k);
    for (const c of ["tri-accepted", "tri-false-positive", "tri-mixed", "tri-partial"]) tr.classList.remove(c);
    if (s) tr.classList.add(`tri-${s}`);
    tr.classList.toggle("current", k === current);
    const badge = tr.querySelector(".tri");
    if (badge) badge.textContent = s === "partial" ? "◐ partly triaged" : s === "mixed" ? "◑ mixed" : s ? `${ICON[s]} ${LABEL[s]}` : "";
    for (const b of tr.querySelectorAll("button.dec")) {
      const n = b.dataset.n;
      const now = n === undefined ? s : findingDecision(rows[k][F.issues][+n]);
      b.setAttribute("aria-pressed", String(now === b.dataset.d));
    }
    for (const li of tr.querySelectorAll("li[data-n]")) {
      const d = findingDecision(rows[k][F.issues][+li.dataset.n]);
      li.className = d;
      li.dataset.decision = d ? LABEL[d] : "";
    }
  }

  function exportWaivers() {
    const file = { format: "mtaudit-waivers", version: 1, batch: data.batch, created: new Date().toISOString(),
      waivers: Object.values(state.findings), reviewed: Object.values(state.sentences) };
    const blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${data.batch.replace(/[^\w.-]+/g, "_") || "batch"}-waivers.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
  }

  function say(text) { $("keysay").textContent = text; }

  // Make row k the current one: drawn, outlined, focused and scrolled to.
  function go(k) {
    const pos = page.view().indexOf(k);
    if (pos < 0) return;
    const tr = page.show(pos);
    const before = current === null ? null : page.row(current);
    if (before) before.classList.remove("current");
    current = k;
    tr.classList.add("current");
    tr.focus({ preventScroll: true });
    tr.scrollIntoView({ block: "center" });
  }

  function move(step, test) {
    const view = page.view();
    let pos = current === null ? (step > 0 ? -1 : view.length) : view.indexOf(current);
    for (pos += step; pos >= 0 && pos < view.length; pos += step) {
      if (rows[view[pos]][F.flagged] && (!test || test(view[pos]))) return go(view[pos]);
    }
    say(step > 0 ? "No further flagged sentence in this view." : "No earlier flagged sentence in this view.");
  }

  function key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const t = e.target;
    if (t.closest && t.closest("input, select, textarea, [contenteditable]")) return;
    const help = $("keys");
    if (help.open && e.key !== "?") return;
    const row = t.closest && t.closest("tr[data-k]");
    const k = row ? +row.dataset.k : current;
    const item = t.closest && t.closest("li[data-n]");
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "n": move(1, (j) => !triaged(j)); break;
      case "a": case "f":
        if (k === null) { say("Press j to go to the first flagged sentence."); break; }
        decide(k, e.key === "a" ? "accepted" : "false-positive", item ? +item.dataset.n : undefined);
        if (row) current = k;
        break;
      case "u": undo(); break;
      case "o": {
        const details = k !== null && page.row(k) && page.row(k).querySelector("details");
        if (details) details.open = !details.open;
        break;
      }
      case "?": if (help.open) help.close(); else help.showModal(); break;
      default: return;
    }
    e.preventDefault();
  }

  function click(e) {
    const b = e.target.closest("button.dec");
    const tr = e.target.closest("tr[data-k]");
    if (tr) {
      const before = current === null ? null : page.row(current);
      if (before && before !== tr) before.classList.remove("current");
      current = +tr.dataset.k;
      tr.classList.add("current");
    }
    if (!b || !tr) return;
    const k = +tr.dataset.k;
    const n = b.dataset.n === undefined ? undefined : +b.dataset.n;
    const now = n === undefined ? rowState(k) : findingDecision(rows[k][F.issues][n]);
    decide(k, now === b.dataset.d ? "" : b.dataset.d, n);
  }

  $("export").addEventListener("click", exportWaivers);
  $("keys-open").addEventListener("click", () => $("keys").showModal());
  $("keys-close").addEventListener("click", () => $("keys").close());
  document.addEventListener("keydown", key);
  page.body.addEventListener("click", click);
  progress();
  return { cell, paint, viewChanged: () => { if (current !== null && !page.view().includes(current)) current = null; } };
}
