"""Before the shoot: avail checks, holds and challenges, bookings of crew and cast."""
