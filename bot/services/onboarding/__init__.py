"""Start paperwork: packets, checklists, uploads, verification and reminders."""
