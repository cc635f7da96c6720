"""Gate: requirements over the summary, the pure gate, and the baseline ratchet."""
