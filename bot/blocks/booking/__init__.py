"""Surfaces of avail checks, holds and bookings."""
