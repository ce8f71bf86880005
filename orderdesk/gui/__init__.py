"""The Qt layer: thin views that call services through background jobs, never a session directly."""
