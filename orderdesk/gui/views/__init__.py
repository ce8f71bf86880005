"""One module per screen; each wires widgets to services through background jobs."""
