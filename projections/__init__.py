"""Read models built from the event stream (the projections issue fills this in)."""
