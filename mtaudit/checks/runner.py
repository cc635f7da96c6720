"""The check stage of one document: every configured check and the grammar engine on each
row, with the context the checks ask for — the text with its inline codes masked for all but
the markup check (see ``inline_codes``); findings another check already reports dropped;
waived findings set aside; a checker that raises recorded, never losing the row."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, NamedTuple

from ..config import AuditConfig
from ..model import Issue, Segment
from ..results import EngineFailure
from ..segment.rows import bead_groups, joined_hypothesis
from . import active_checks, load_resources, run_checks
from .context import DocContext
from .facts import facts_of, sentence_facts
from .grammar import GrammarEngine, build_engine
from .inline_codes import Masked, mask, masked_text
from .limits import grammar_skip
from .waivers import Waivers

ENGINE_CACHE_SIZE = 20_000
BLOCK_ROWS = 50  # rows the engine lints before the checks run on them (and a progress bar hears of them)
SEES_CODES = frozenset({"MT205"})  # checks that read the inline codes; the others read the text masked


@dataclass
class Checked:
    """A document's findings, row by row, and what was waived or failed on the way."""

    issues: list[list[Issue]]
    waived: list[list[Issue]]
    failures: list[EngineFailure] = field(default_factory=list)


class CheckRunner:
    """Holds what is built once per worker: the active checks, the grammar engine (with a
    cache, so a repeated sentence — a byline, boilerplate — is linted once), the options."""

    def __init__(self, config: AuditConfig, names: frozenset[str], waivers: Waivers | None = None) -> None:
        load_resources(config)
        self.config = config
        self.names = names
        self.waivers = waivers
        self.checks = active_checks(config)
        self.engine: GrammarEngine | None = build_engine(config)
        self.options = config.check_options()
        self.facts = facts_of(c.code for c in self.checks)
        self._engine_cache: dict[bytes, list[Issue]] = {}  # by Segment.text_key
        self._learnt: dict[bytes, list[Issue]] | None = None  # new entries, once results are shared

    def known(self, results: dict[bytes, list[Issue]]) -> None:
        """Engine results other workers found (``learnt``), taken into the cache; from now on
        this runner keeps what it learns for ``learnt``."""
        if self._learnt is None:
            self._learnt = {}
        self._cache(results)

    def learnt(self) -> dict[bytes, list[Issue]]:
        """The engine results found since the last call (none unless results are shared)."""
        if self._learnt is None:
            return {}
        out, self._learnt = self._learnt, {}
        return out

    def _cache(self, results: dict[bytes, list[Issue]]) -> None:
        if len(self._engine_cache) + len(results) > ENGINE_CACHE_SIZE:
            self._engine_cache.clear()
        self._engine_cache.update(results)

    def sentence_facts(self, segs: list[Segment]) -> list[tuple[Any, ...]]:
        """What the document facts of the active checks need of each row (read masked, as
        the checks read it)."""
        return sentence_facts(self.facts, (mask(s.hyp).text for s in segs))

    def document(self, name: str, segs: list[Segment], tick: Callable[[int], None] | None = None,
                 halo: tuple[Segment | None, Segment | None] = (None, None), known: dict[str, Any] | None = None,
                 ) -> Checked:
        """The findings of each of a document's rows, in order; ``tick`` is told of the rows
        done, a block at a time. Of a run of a long document's rows: with the rows just
        before and after it (``halo``) and the document's facts (``known``, see ``facts.combine``)."""
        masks = [mask(s.hyp) for s in segs]
        plain = [replace(s, hyp=m.text, ref=masked_text(s.ref), src=masked_text(s.src)) for s, m in zip(segs, masks)]
        raw = _Halo(*(s.hyp if s else None for s in halo))
        masked = _Halo(*(mask(s.hyp).text if s else None for s in halo))
        rows = _Rows(segs, plain, masks, _contexts(name, segs, self.names, self.options, raw, known),
                     _contexts(name, plain, self.names, self.options, masked, known))
        out = Checked([], [])
        for start in range(0, len(segs), BLOCK_ROWS):
            self._block(rows, start, out)
            if tick is not None:
                tick(len(segs[start:start + BLOCK_ROWS]))
        return out

    def _block(self, rows: _Rows, start: int, out: Checked) -> None:
        """Rows ``start`` to ``start + BLOCK_ROWS`` checked, their findings appended to ``out``."""
        end = min(start + BLOCK_ROWS, len(rows.segs))
        # The engine lints the block first: one sentence after another keeps its working set
        # warm (interleaved with the checks, the lints took a few per cent longer; blocks of 50
        # cost nothing measurable against the whole document: 2.48 s and 2.54 s CPU on 600 TED rows).
        self._screen(rows.segs[start:end], rows.plain[start:end])
        engine = [self._guarded(self.engine.name, seg, out.failures, lambda s=seg, p=p: self._engine_issues(s, p))
                  if self.engine is not None and p.hyp.strip() else []
                  for seg, p in zip(rows.segs[start:end], rows.plain[start:end])]
        for i in range(start, end):
            seg = rows.segs[i]
            issues: list[Issue] = []
            kept: _Kept = {}
            for c in self.checks:
                context = rows.coded[i] if c.code in SEES_CODES else rows.contexts[i]
                found = self._guarded(c.code, seg, out.failures, lambda c=c, x=context: run_checks([c], x, self.config))
                found = found if c.code in SEES_CODES else _unmasked(found, rows.masks[i])
                _keep(found, issues, kept)
            _keep(_unmasked(engine[i - start], rows.masks[i]), issues, kept)
            issues.sort(key=lambda x: (x.start, x.end, x.code))
            waived = [i for i in issues if self.waivers is not None and self.waivers.waives(seg.doc, seg.hyp, i)]
            out.issues.append([i for i in issues if i not in waived] if waived else issues)
            out.waived.append(waived)

    def _screen(self, segs: list[Segment], plain: list[Segment]) -> None:
        """Caches no findings for the rows the engine's ``screen`` (where it has one) clears
        in one call, so that only the others are linted one at a time; where screening
        fails, every row is linted alone as before."""
        screen = getattr(self.engine, "screen", None)
        rows = {s.text_key: p.hyp for s, p in zip(segs, plain) if p.hyp.strip() and grammar_skip("engine", p.hyp) is None}
        keys = [k for k in rows if k not in self._engine_cache]
        if screen is None or len(keys) < 2:
            return
        try:
            held = screen([rows[k] for k in keys])
        except Exception:  # noqa: BLE001 - the rows are linted alone, where a failure is recorded
            return
        self._found({key: [] for key, h in zip(keys, held) if not h})

    def _engine_issues(self, seg: Segment, plain: Segment) -> list[Issue]:
        """The engine's findings on a row (its text with inline codes masked)."""
        key = seg.text_key
        if key not in self._engine_cache:
            assert self.engine is not None
            self._found({key: self.engine.check(plain.hyp, names=self.names, ref=plain.ref, src=plain.src)})
        return list(self._engine_cache[key])

    def _found(self, results: dict[bytes, list[Issue]]) -> None:
        self._cache(results)
        if self._learnt is not None:
            self._learnt.update(results)

    @staticmethod
    def _guarded(what: str, seg: Segment, failures: list[EngineFailure],
                 run: Callable[[], list[Issue]]) -> list[Issue]:
        """Run a checker; if it raises, record an engine-error issue and carry on."""
        try:
            return run()
        except Exception as exc:  # noqa: BLE001 - one failing checker must not lose the row
            failures.append(EngineFailure(seg.doc, str(seg.seg), what, f"{type(exc).__name__}: {exc}"))
            return [Issue("engine-error", "Other", "minor", 0, 0,
                          f"{what} failed on this sentence: {type(exc).__name__}: {exc}",
                          engine=what.split(":")[0] if ":" in what else what)]


class _Rows(NamedTuple):
    """A document's rows as written (``segs``, ``coded`` contexts: for MT205) and with their
    inline codes masked (``plain``, ``contexts``: for the other checks and the engine)."""

    segs: list[Segment]
    plain: list[Segment]
    masks: list[Masked]
    coded: list[dict[str, Any]]
    contexts: list[dict[str, Any]]


class _Halo(NamedTuple):
    before: str | None
    after: str | None


def _contexts(name: str, segs: list[Segment], names: frozenset[str], options: dict[str, Any], halo: _Halo,
              known: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each row's context, as the checks ask for it by parameter name (see ``registry``):
    the document is the rows themselves, or with ``known`` facts a long one's."""
    hyps = [halo.before] + [s.hyp for s in segs] + [halo.after]
    ctx = DocContext(name, tuple(hyps[1:-1]), names) if known is None else DocContext(name, None, names, known)
    groups = {bead: joined_hypothesis(g) for bead, g in bead_groups(segs).items()}
    return [{"hyp": seg.hyp, "ref": seg.ref, "src": seg.src, "doc": ctx, "options": options,
             "prev": hyps[i], "next": hyps[i + 2],
             "alignment": seg.meta.get("alignment"), "hyp_group": groups.get(seg.meta.get("bead"))}
            for i, seg in enumerate(segs)]


def _unmasked(issues: list[Issue], masked: Masked) -> list[Issue]:
    """Findings on the masked text, with their spans in the row's own text."""
    if masked.origin is None:
        return issues
    return [replace(i, start=s, end=e) if (s, e) != (i.start, i.end) else i
            for i in issues for s, e in (masked.span(i.start, i.end),)]


_Kept = dict[str, dict[str, list[Issue]]]  # a row's findings kept so far, by category, then code


def _keep(found: Iterable[Issue], issues: list[Issue], kept: _Kept) -> None:
    """Appends to ``issues`` each finding not ``_covered`` by one kept before it."""
    for issue in found:
        if not _covered(issue, kept.get(issue.category, {})):
            issues.append(issue)
            kept.setdefault(issue.category, {}).setdefault(issue.code, []).append(issue)


def _covered(issue: Issue, by_code: dict[str, list[Issue]]) -> bool:
    """A finding that an earlier check (in code order, engines last) already reports with
    the same category on an overlapping span is dropped: one error is penalised once.
    Findings of another check in the same span ("the the" is not a dangling clause) stay.
    (Only other codes are read: a row with thousands of one check's findings costs no more
    than their number.)"""
    return any(o.start < max(issue.end, issue.start + 1) and issue.start < max(o.end, o.start + 1)
               for code, found in by_code.items() if code != issue.code for o in found)
