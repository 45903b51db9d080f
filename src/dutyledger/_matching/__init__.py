"""Pairing the items of two editions: similarity, split/merge groups, the crosswalk."""
