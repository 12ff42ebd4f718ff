"""The one way user text enters mrkdwn: it can never ping, mention or link."""

from __future__ import annotations

import re

# U+2060 WORD JOINER: invisible, but breaks Slack's auto-linking of the words it sits in.
_JOINER = "\u2060"
_BROADCAST_WORDS = re.compile(r"@(?=(channel|here|everyone)\b)", re.IGNORECASE)
_AUTOLINKS = re.compile(r"(?<=[a-z0-9])(?=:/)|(?<=www)(?=\.)", re.IGNORECASE)
_EMAIL_AT = re.compile(r"(?<=\w)@(?=\w)")
# Every rule above needs one of these characters: text without any (most names) is kept.
_TOUCHED = re.compile(r"[&<>@:.]")


def escape(text: str | None) -> str:
    """Make raw user text safe to show in mrkdwn: no <!channel>, no <@U…>, no links.

    Raw means as the person typed it: `from_slack` first for text Slack escaped itself, so
    `&`, `<` and `>` are escaped exactly once and "&lt;" typed shows as "&lt;".
    """
    if not text:
        return ""
    if not _TOUCHED.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BROADCAST_WORDS.sub("@" + _JOINER, text)
    text = _AUTOLINKS.sub(_JOINER, text)
    return _EMAIL_AT.sub("@" + _JOINER, text)


def from_slack(text: str) -> str:
    """Undo Slack's own escaping of typed text (commands, messages): the text as typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def truncate(text: str, limit: int) -> str:
    """Cut text to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
