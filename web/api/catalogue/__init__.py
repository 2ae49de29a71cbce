"""The product catalogue, from the read models."""
