"""Change reports: a typed report built from a change set, and its renderers.

The core (model, diff) never imports a renderer's dependency: each renderer
imports openpyxl, python-docx … inside its own ``render``.
"""
