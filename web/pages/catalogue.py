"""The catalogue of OCOP products with filters."""
