"""Coverage (T1), plan targets (T1–T9) and sales reports, from the read models."""
