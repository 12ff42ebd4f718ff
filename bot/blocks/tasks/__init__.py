"""tasks: one feature's blocks."""
