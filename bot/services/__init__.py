"""The production's rules and use-cases; no Slack here, only sessions and a clock."""
