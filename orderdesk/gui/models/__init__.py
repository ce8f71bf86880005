"""Qt item models over the read side's plain rows."""
