"""Corrections at an outlet: returns, voids, reversals, returns to the supplier."""
