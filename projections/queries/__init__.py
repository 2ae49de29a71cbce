"""Queries over the read models; each answers one question the users ask."""
