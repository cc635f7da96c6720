"""JUnit XML for CI: one test case per document (failed when it breaches a per-document
requirement) and one for the batch-level requirements."""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from .sink import SummaryReporter


def render_junit(summary: dict[str, Any]) -> str:
    """The gate result of a summary as JUnit XML (testsuites/testsuite/testcase/failure)."""
    batch = summary.get("batch", "batch")
    breaches = summary.get("gate", {}).get("breaches", [])
    by_scope: dict[str, list[dict[str, Any]]] = {}
    for b in breaches:
        by_scope.setdefault(b["scope"], []).append(b)
    cases = [("batch", by_scope.get("batch", []), [])]
    cases += [(d["doc"], by_scope.get(d["doc"], []), d.get("worst", [])) for d in summary.get("documents", [])]
    failures = sum(1 for _, found, _ in cases if found)
    root = ET.Element("testsuites", name="mtaudit", tests=str(len(cases)), failures=str(failures), errors="0")
    suite = ET.SubElement(root, "testsuite", name=f"mtaudit.{batch}", tests=str(len(cases)),
                          failures=str(failures), errors="0", skipped="0")
    for name, found, worst in cases:
        case = ET.SubElement(suite, "testcase", classname=f"mtaudit.{batch}", name=name)
        if found:
            failure = ET.SubElement(case, "failure", message="; ".join(b["message"] for b in found),
                                    type="GateFailure")
            lines = [b["message"] for b in found]
            if worst:
                lines.append("worst sentences:")
                lines += [f"  seg {w['seg']} (score {w['score']:g}, {' '.join(w['issue_codes'])}): {w['hypothesis']}"
                          for w in worst]
            failure.text = "\n".join(lines)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


class JUnitReporter(SummaryReporter):
    """``junit.xml``: the gate as JUnit test cases."""

    name = "junit"
    filename = "junit.xml"

    def pieces(self, summary: dict[str, Any]) -> list[str]:
        return [render_junit(summary)]
