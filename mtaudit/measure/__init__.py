"""Measure: figures of each sentence — reference metrics, word diff, coverage, exposure, consensus."""
