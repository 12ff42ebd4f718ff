"""core: one feature's services."""
