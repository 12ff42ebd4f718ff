"""tasks: one feature's services."""
