"""Start paperwork as Block Kit: the checklist DM, its forms, the status list."""
