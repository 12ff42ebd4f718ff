"""problems: one feature's blocks."""
