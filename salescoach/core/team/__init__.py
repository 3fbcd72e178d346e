"""The manager's desk: the team's figures side by side (pure; the hub computes the counts)."""
