"""JUnit XML for CI: one test case per document (failed when it breaches a per-document
requirement) and one for the batch-level requirements."""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ..results import Breach, Summary, Worst
from .sink import SummaryReporter


def render_junit(summary: Summary) -> str:
    """The gate result of a summary as JUnit XML (testsuites/testsuite/testcase/failure)."""
    batch = summary.batch or "batch"
    by_scope: dict[str, list[Breach]] = {}
    for b in summary.gate.breaches:
        by_scope.setdefault(b.scope, []).append(b)
    cases: list[tuple[str, list[Breach], list[Worst]]] = [("batch", by_scope.get("batch", []), [])]
    cases += [(d.doc, by_scope.get(d.doc, []), d.worst) for d in summary.documents]
    failures = sum(1 for _, found, _ in cases if found)
    root = ET.Element("testsuites", name="mtaudit", tests=str(len(cases)), failures=str(failures), errors="0")
    suite = ET.SubElement(root, "testsuite", name=f"mtaudit.{batch}", tests=str(len(cases)),
                          failures=str(failures), errors="0", skipped="0")
    for name, found, worst in cases:
        case = ET.SubElement(suite, "testcase", classname=f"mtaudit.{batch}", name=name)
        if found:
            failure = ET.SubElement(case, "failure", message="; ".join(b.message for b in found),
                                    type="GateFailure")
            lines = [b.message for b in found]
            if worst:
                lines.append("worst sentences:")
                lines += [f"  seg {w.seg} (score {w.score:g}, {' '.join(w.issue_codes)}): {w.hypothesis}"
                          for w in worst]
            failure.text = "\n".join(lines)
    ET.indent(root)
    return _xml_chars(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


# Characters XML 1.0 does not allow (ElementTree writes them as they are, and every XML
# parser then rejects the file): C0 controls but tab, line feed and carriage return,
# U+FFFE and U+FFFF, surrogates. Only text and attribute values can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_chars(xml: str) -> str:
    """``xml`` with each character XML cannot hold shown as its control picture (U+2400 +
    code: a NUL is ␀) or, past the C0 range, U+FFFD."""
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", xml)


class JUnitReporter(SummaryReporter):
    """``junit.xml``: the gate as JUnit test cases."""

    name = "junit"
    filename = "junit.xml"

    def pieces(self, summary: Summary) -> list[str]:
        return [render_junit(summary)]
