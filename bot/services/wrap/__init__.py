"""wrap: one feature's services."""
