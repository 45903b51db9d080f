"""The edition: its records, their JSON codec and validation, departments, the shipped editions.

The lowest room: it imports nothing else of dutyledger but :mod:`dutyledger.exceptions`.
"""
