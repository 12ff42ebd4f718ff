"""Slate: a production coordinator inside a production's Slack workspace."""
