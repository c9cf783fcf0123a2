"""Validation results as JUnit XML, for CI systems that show test reports.

One test case per file: it fails when the file fails the run (invalid, a gate
failed, or a warning under ``--strict``), with every problem in its failure;
a passing file's warnings go to its ``system-out``. Every text comes from the
files, so every text is escaped: `xml.etree` escapes the markup, and what XML
1.0 cannot hold at all (control characters, lone surrogates) is written as
``\\xNN`` or ``\\uXXXX`` first (`checklist.reporters.printable`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, tostring

from checklist.reporters import Style, printable, problem_line

if TYPE_CHECKING:
    from checklist.catalog import FileReport, Validation

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold that `printable` leaves: surrogates and two non-characters."""
_PLAIN = Style(False)


def xml_text(text: str) -> str:
    """One line of text that XML 1.0 can hold, however hostile the file it came from."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


def junit_xml(validation: Validation) -> str:
    """A ``testsuites`` document with one ``testsuite`` and one ``testcase`` per file."""
    tests = str(len(validation.files))
    failures = str(len(validation.failing))
    counts = {"tests": tests, "failures": failures, "errors": "0", "skipped": "0"}
    suites = Element("testsuites", {"name": "checklist", **counts})
    suite = SubElement(suites, "testsuite", {"name": "checklist", **counts})
    for report in validation.files:
        _case(suite, validation, report)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(suites, encoding="unicode")


def _case(suite: Element, validation: Validation, report: FileReport) -> None:
    name = xml_text(report.file)
    case = SubElement(
        suite,
        "testcase",
        {"name": name, "classname": xml_text(report.kind or "unknown"), "file": name},
    )
    lines = "\n".join(xml_text(problem_line(p, _PLAIN)) for p in report.problems)
    if validation.passed(report):
        if lines:
            SubElement(case, "system-out").text = lines
        return
    first = next(
        (p for p in report.problems if p.severity != "warning"),
        report.problems[0] if report.problems else None,
    )
    message = "fails --strict: it has warnings" if first is None else first.message
    failure = SubElement(
        case,
        "failure",
        {"message": xml_text(message), "type": xml_text(first.code if first else "warning")},
    )
    failure.text = lines
