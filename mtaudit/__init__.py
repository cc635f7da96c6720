"""mtaudit: find the sentences of a machine-translated batch that read like machine translation."""
__version__ = "0.1.0"

from .config import AuditConfig  # noqa: E402
from .pipeline import audit  # noqa: E402

__all__ = ["audit", "AuditConfig", "__version__"]
