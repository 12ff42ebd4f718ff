"""The emulator refuses what Slack refuses: bad selects, missing scopes, uninvited posts."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator, rules


@pytest.fixture
def client(emulator: SlackEmulator) -> WebClient:
    return WebClient(token=emulator.bot_token, base_url=emulator.api_url)


def _option(n: int) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": f"Line {n}"}, "value": str(n)}


def _modal(element: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "T"},
        "blocks": [
            {
                "type": "input",
                "block_id": "b",
                "label": {"type": "plain_text", "text": "L"},
                "element": {"action_id": "a", **element},
            }
        ],
    }


def _open(emulator: SlackEmulator, client: WebClient, view: dict[str, Any]) -> Any:
    user = emulator.workspace.add_user("ana")
    emulator.workspace.triggers["t"] = (user.id, time.time())
    return client.views_open(trigger_id="t", view=view)


def test_a_static_select_whose_initial_option_is_not_offered_is_refused(emulator, client) -> None:
    select = {"type": "static_select", "options": [_option(1), _option(2)]}
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _open(emulator, client, _modal(dict(select, initial_option=_option(110))))
    assert _open(emulator, client, _modal(dict(select, initial_option=_option(2))))["ok"]
    channel = emulator.workspace.add_channel("crew").id
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}
    bad = dict(section, accessory=dict(select, action_id="a", initial_option=_option(9)))
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=channel, text="x", blocks=[bad])


def test_an_external_select_may_start_on_any_option(emulator, client) -> None:
    select = {"type": "external_select", "initial_option": _option(110), "min_query_length": 0}
    assert _open(emulator, client, _modal(select))["ok"]


def test_more_than_100_options_or_long_option_text_is_refused(emulator, client) -> None:
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _open(
            emulator,
            client,
            _modal({"type": "static_select", "options": [_option(n) for n in range(101)]}),
        )
    long = {"text": {"type": "plain_text", "text": "x" * 76}, "value": "1"}
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _open(emulator, client, _modal({"type": "static_select", "options": [long]}))
    assert _open(
        emulator,
        client,
        _modal({"type": "static_select", "options": [_option(n) for n in range(100)]}),
    )["ok"]


def test_a_file_input_needs_files_read(emulator, client) -> None:
    file_input = {"type": "file_input", "max_files": 1}
    assert _open(emulator, client, _modal(file_input))["ok"]  # the manifest has files:read
    emulator.workspace.scopes = set(rules.manifest_scopes()) - {"files:read"}
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _open(emulator, client, _modal(file_input))


def test_a_private_channel_takes_posts_only_once_the_bot_is_in_it(emulator, client) -> None:
    ws = emulator.workspace
    secret = ws.add_channel("office", private=True).id
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel=secret, text="hello")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.conversations_info(channel=secret)
    assert ws.channel_messages(secret) == []
    ws.channels[secret].members.add(ws.bot_user_id)
    assert client.conversations_info(channel=secret)["channel"]["is_member"] is True
    client.chat_postMessage(channel=secret, text="hello")
    assert [m.text for m in ws.channel_messages(secret)] == ["hello"]
    public = ws.add_channel("crew").id  # chat:write.public: no invite needed
    assert client.chat_postMessage(channel=public, text="hi")["ok"]
    assert client.conversations_info(channel=public)["channel"]["is_member"] is False


@settings(max_examples=60, deadline=None)
@given(
    offered=st.lists(st.integers(0, 300), unique=True, max_size=120),
    initial=st.none() | st.integers(0, 300),
)
def test_the_select_rule_matches_slack(offered: list[int], initial: int | None) -> None:
    """A static select is accepted exactly when it has ≤100 options and offers its initial."""
    element: dict[str, Any] = {"type": "static_select", "options": [_option(n) for n in offered]}
    if initial is not None:
        element["initial_option"] = _option(initial)
    fits = len(offered) <= 100 and (initial is None or initial in offered)
    try:
        rules.check_blocks([{"type": "input", "element": element}], "invalid_blocks")
    except rules.Refused:
        assert not fits
    else:
        assert fits


def test_checkboxes_take_at_most_ten(emulator, client) -> None:
    ten = {"type": "checkboxes", "options": [_option(n) for n in range(10)]}
    assert _open(emulator, client, _modal(ten))["ok"]
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _open(emulator, client, _modal(dict(ten, options=[_option(n) for n in range(11)])))


def test_views_update_and_push_obey_the_same_rules(emulator, client) -> None:
    opened = _open(emulator, client, _modal({"type": "plain_text_input"}))["view"]
    bad = _modal({"type": "static_select", "options": [_option(1)], "initial_option": _option(2)})
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_update(view_id=opened["id"], view=bad)
    emulator.workspace.triggers["t2"] = (opened["user"], time.time())
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_push(trigger_id="t2", view=bad)
    good = _modal({"type": "static_select", "options": [_option(1)], "initial_option": _option(1)})
    assert client.views_update(view_id=opened["id"], view=good)["view"]["id"] == opened["id"]
