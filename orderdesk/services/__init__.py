"""Use cases: each runs in one unit of work (one transaction) and names the acting user."""
