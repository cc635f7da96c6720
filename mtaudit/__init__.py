"""mtaudit: find the sentences of a machine-translated batch that read like machine translation.

The public API is ``mtaudit.api`` (re-exported here): ``audit``, ``audit_to_files``, ``gate``,
``load_audit``, ``compare``, ``calibrate``.
"""
from .version import __version__
from .api import (AuditConfig, AuditOutcome, AuditResult, Comparison, GateResult, Summary, audit,  # noqa: E402
                  audit_to_files, calibrate, compare, gate, load_audit)

__all__ = ["audit", "audit_to_files", "gate", "load_audit", "compare", "calibrate", "AuditConfig", "AuditResult",
           "AuditOutcome", "Comparison", "GateResult", "Summary", "__version__"]
