"""money: one feature's services."""
