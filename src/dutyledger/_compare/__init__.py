"""The diff engine: two editions and their pairing in, a change set out."""
