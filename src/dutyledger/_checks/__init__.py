"""``dutyledger check``: the rules, and running them.

One module per concept: ``base`` (rule record, the edition under check),
``texts`` (every text of an edition), the rule modules ``structure`` (DL1xx),
``totals`` (DL2xx), ``history`` (DL3xx) and ``lints`` (DL4xx), ``registry``
(the table of rules), ``run`` (check an edition, several, or files),
``locate`` (JSON path to line), ``output`` (text, JSON, GitHub), ``config``
(``[tool.dutyledger.check]``) and ``command`` (the CLI command). The public
names are re-exported by ``dutyledger``.
"""
