"""Change records by family, the change set, its JSON codec, apply/invert and the indicators.

What changed between two editions, as data. Computing it is :mod:`dutyledger._compare`'s job.
"""
