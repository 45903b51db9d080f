"""The fuzz harness: mutations, targets, budgets and the long-campaign script (docs/reliability.md)."""
