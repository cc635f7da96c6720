"""mtaudit: find the sentences of a machine-translated batch that read like machine translation."""
__version__ = "0.1.0"

from .config import AuditConfig  # noqa: E402
from .pipeline import audit  # noqa: E402
from .compare import compare  # noqa: E402  (after audit: compare builds on it)

__all__ = ["audit", "compare", "AuditConfig", "__version__"]
