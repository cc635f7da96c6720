"use strict";
// Shared by report.html and compare.html: building DOM (batch text only ever reaches the page
// as DOM text), issue and word-diff highlighting, Markdown code spans in engine messages, and
// the tooltip of a highlighted span.
const MT = (() => {
  const WEIGHT = { minor: 1, major: 5, critical: 25 };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Engine messages are Markdown (Harper: "Did you mean to spell `teh` this way?"): code spans
  // become <code>, everything else stays text.
  function md(text) {
    return String(text || "").split(/(`[^`\n]+`)/).filter((part) => part !== "").map((part) =>
      (part.length > 2 && part[0] === "`" && part[part.length - 1] === "`"
        ? el("code", "", part.slice(1, -1)) : document.createTextNode(part)));
  }

  // The text cut at every span boundary. `spans` are [start, end, severity] issue spans: a piece
  // inside one becomes a focusable <mark> coloured by the worst covering it, handed to
  // `onMark(mark, covering span numbers)`; a piece inside a `diff` span ([start, end]) is
  // wrapped in `tag`. Offsets count code points, as Python does.
  function pieces(text, spans, diff, tag, onMark) {
    const chars = Array.from(text);
    const clip = (a, b, n) => [Math.max(0, a), Math.min(chars.length, b), n];
    const marks = spans.map((s, n) => clip(s[0], s[1], n)).filter((s) => s[0] < s[1]);
    const changed = (diff || []).map((s) => clip(s[0], s[1])).filter((s) => s[0] < s[1]);
    const cuts = [...new Set([0, chars.length, ...marks.concat(changed).flatMap((s) => [s[0], s[1]])])]
      .sort((a, b) => a - b);
    const out = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const [a, b] = [cuts[c], cuts[c + 1]];
      let node = document.createTextNode(chars.slice(a, b).join(""));
      const cover = marks.filter((s) => s[0] <= a && b <= s[1]).map((s) => s[2]);
      if (cover.length) {
        const worst = cover.reduce((w, n) => (WEIGHT[spans[n][2]] > WEIGHT[spans[w][2]] ? n : w));
        const mark = el("mark", spans[worst][2]);
        mark.append(node);
        mark.tabIndex = 0;
        onMark(mark, cover);
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

  // One finding as nodes: "CODE severity: message → suggestion" (the message's Markdown rendered).
  function finding(code, severity, message, suggestion) {
    const out = [el("code", "code", code), " ", el("span", "sev", severity), " "];
    const msg = el("span", "msg");
    msg.append(...md(message));
    if (suggestion) msg.append(" → ", el("span", "sugg", suggestion));
    out.push(msg);
    return out;
  }

  // The tooltip of highlighted spans: `describe(mark)` gives [[code, severity, message,
  // suggestion], ...]. It opens above the span, so it never covers the line being read next;
  // below only when there is no room above.
  function tooltip(tip, describe) {
    function show(mark) {
      tip.replaceChildren();
      describe(mark).forEach((f, n) => {
        const line = el("div");
        line.append(...finding(...f));
        tip.append(line);
      });
      tip.hidden = false;
      const box = mark.getBoundingClientRect();
      const width = document.documentElement.clientWidth;
      tip.style.left = `${Math.max(4, Math.min(box.left, width - tip.offsetWidth - 4)) + scrollX}px`;
      const above = box.top - tip.offsetHeight - 6;
      tip.style.top = `${(above >= 4 ? above : box.bottom + 6) + scrollY}px`;
    }
    const markOf = (e) => e.target.closest && e.target.closest("mark[data-issues]");
    for (const type of ["mouseover", "focusin"]) {
      document.addEventListener(type, (e) => { const mark = markOf(e); if (mark) show(mark); });
    }
    for (const type of ["mouseout", "focusout"]) {
      document.addEventListener(type, (e) => { if (markOf(e)) tip.hidden = true; });
    }
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") tip.hidden = true; });
  }

  return { el, md, pieces, finding, tooltip, WEIGHT };
})();
