"""Products, their evaluations, revocations and nominations."""
