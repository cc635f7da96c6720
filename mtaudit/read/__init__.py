"""Read: every input format becomes ``Document``s; bad input raises one ``InputError``.

``text`` decodes files, ``tables`` reads ``.tsv``/``.csv``/``.jsonl``, ``batch`` finds the
documents of the command line's paths, ``drift`` says where two line files stop matching.
"""
from .batch import read_batch
from .document import Batch, Document
from .text import TextOptions, read_text

__all__ = ["read_batch", "read_text", "Batch", "Document", "TextOptions"]
