"""``dutyledger serve``: a local web page for policy staff — compare, review, annotate, download.

Server-rendered (Starlette and Jinja2, no JavaScript build chain), fully offline: every asset
is served by the app. The top room: it may use every stage below it, and nothing imports it but
the command line.
"""
