"""``python -m dutyledger``: the command line, as the ``dutyledger`` script."""

from dutyledger.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
