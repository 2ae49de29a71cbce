"""GET /places: administrative units, old and new."""
