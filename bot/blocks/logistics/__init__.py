"""Logistics surfaces: catering counts and orders, the dietary-needs form."""
