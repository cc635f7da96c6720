"""Alignment family: sentences one side has and the other lacks (from the aligner's beads)."""
from __future__ import annotations

from typing import Iterator

from .registry import Hit, check


@check("MT303", name="omitted-sentence", category="Accuracy/Omission", severity="major",
       flags=[{"hyp": "", "ref": "Opposition members left the chamber early.", "alignment": "0-1"},
              {"hyp": "", "ref": "The port will reopen on Monday.", "alignment": "0-1"}],
       passes=[{"hyp": "The mayor praised the vote.", "ref": "The mayor praised the vote.", "alignment": "1-1"},
               {"hyp": "The council met and approved the budget.", "ref": "The council met. It approved the budget.",
                "alignment": "1-2"},
               {"hyp": "The port will reopen on Monday.", "ref": "The port will reopen on Monday."}])
def omitted_sentence(hyp: str, ref: str, alignment: str | None) -> Iterator[Hit]:
    """A reference sentence that no hypothesis sentence translates.

    The aligner found a reference sentence with no counterpart (a 0-1 bead). In MT output
    this is usually a dropped sentence; its row in the report has an empty hypothesis and
    shows the reference text that is missing. Fix: translate the missing sentence.
    """
    if alignment == "0-1" and not hyp.strip():
        yield Hit(0, 0, "the translation has no sentence for this reference sentence")


@check("MT304", name="added-sentence", category="Accuracy/Addition", severity="minor",
       flags=[{"hyp": "The council thanks its readers for their attention.", "alignment": "1-0"},
              {"hyp": "More information follows.", "alignment": "1-0"}],
       passes=[{"hyp": "The mayor praised the vote.", "alignment": "1-1"},
               {"hyp": "The council met.", "alignment": "2-1"},
               {"hyp": "The port reopened."}])
def added_sentence(hyp: str, alignment: str | None) -> Iterator[Hit]:
    """A hypothesis sentence with no counterpart in the reference.

    The aligner found a hypothesis sentence that matches no reference sentence (a 1-0
    bead): an addition, a hallucination, or a reference that dropped it. Minor, because
    references are not always complete. Fix: check the source; remove what it lacks.
    """
    if alignment == "1-0" and hyp.strip():
        yield Hit(0, len(hyp), "no reference sentence corresponds to this sentence")
