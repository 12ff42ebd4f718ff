"""callsheets: one feature's blocks."""
