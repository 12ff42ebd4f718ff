"""problems: one feature's services."""
