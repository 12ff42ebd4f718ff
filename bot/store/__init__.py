"""Models, sessions, queries and migrations."""
