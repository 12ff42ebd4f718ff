"""callsheets: one feature's services."""
