"""Demo master data and synthetic orders, so the hub can be shown and tested without live shops."""
