"""Logistics: catering, transport, rentals and travel."""
