"""Segment and align: documents become report rows (``Segment``s)."""
