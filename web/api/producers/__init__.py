"""Producers (chủ thể OCOP)."""
