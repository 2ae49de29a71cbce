"""Outlets: shelves, stock and sales."""
