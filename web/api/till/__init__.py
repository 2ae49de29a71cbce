"""The till's catalogue: what a phone keeps to sell from while offline."""
