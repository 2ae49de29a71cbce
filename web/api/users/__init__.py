"""User accounts (admins only)."""
