"""Signing in to the API."""
