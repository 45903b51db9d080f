"""The ledger: all editions of a township as one chain (see ``docs/ledger.md``).

Above ``_compare`` and ``_report``: it diffs consecutive editions and composes
their pairings; nothing lower imports it.
"""
