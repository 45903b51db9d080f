"""The command line's parts: exit statuses, the commands, the argument parser (``cli.py`` runs them)."""
