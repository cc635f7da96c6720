"""Measure: figures of each sentence — reference metrics, word diff, coverage, length, what the batch says, consensus."""
