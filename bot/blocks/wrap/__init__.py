"""wrap: one feature's blocks."""
