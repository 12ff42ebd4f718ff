"""money: one feature's blocks."""
