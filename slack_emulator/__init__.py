"""A local stand-in for Slack: the Web API Slate calls, and Slack's side of the conversation.

The tests drive Slate through it, and the playground serves it; no code in `bot/` knows it
is not Slack.
"""

from slack_emulator.server import SlackEmulator
from slack_emulator.slack_side import SlackSide
from slack_emulator.state import Call, Channel, Ephemeral, Message, User, Workspace

__all__ = [
    "Call",
    "Channel",
    "Ephemeral",
    "Message",
    "SlackEmulator",
    "SlackSide",
    "User",
    "Workspace",
]
