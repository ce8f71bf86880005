"""Modal dialogs: logging in, the first admin, locking the station."""
