"""The emulator behaves like Slack where Slate depends on it."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator


@pytest.fixture
def client(emulator: SlackEmulator) -> WebClient:
    return WebClient(token=emulator.bot_token, base_url=emulator.api_url)


def test_records_each_method_with_its_parameters(emulator, client) -> None:
    user = emulator.workspace.add_user("gus", "gus@x.film")
    client.chat_postMessage(channel=user.id, text="hi", blocks=[{"type": "divider"}])
    call = emulator.calls("chat.postMessage")[0]
    assert call.params["channel"] == user.id and call.params["blocks"] == [{"type": "divider"}]
    assert call.token == emulator.bot_token and call.ok


def test_rejects_a_wrong_token(emulator) -> None:
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(token="xoxb-wrong", base_url=emulator.api_url).auth_test()


def test_enforces_message_limits(emulator, client) -> None:
    channel = emulator.workspace.add_channel("crew").id
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=channel, text="x", blocks=[{"type": "divider"}] * 51)
    with pytest.raises(SlackApiError, match="msg_too_long"):
        client.chat_postMessage(channel=channel, text="x" * 40001)
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel="C999", text="x")


def test_canned_answers_and_injected_errors(emulator, client) -> None:
    emulator.answer("users.info", {"user": {"id": "U1", "name": "canned"}})
    assert client.users_info(user="U1")["user"]["name"] == "canned"
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="U1")  # only once
    emulator.fail("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel="C1", text="x")
    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "7"


def test_update_history_and_lookup(emulator, client) -> None:
    user = emulator.workspace.add_user("ana", "Ana@X.film")
    assert client.users_lookupByEmail(email="ana@x.film")["user"]["id"] == user.id
    posted = client.chat_postMessage(channel=user.id, text="0/3")
    client.chat_update(channel=posted["channel"], ts=posted["ts"], text="1/3")
    (message,) = emulator.workspace.dm_messages(user.id)
    assert message.text == "1/3" and message.history == [{"text": "0/3", "blocks": []}]
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_update(channel=posted["channel"], ts="1.0", text="x")


def test_trigger_ids_expire_after_three_seconds(emulator, client) -> None:
    user = emulator.workspace.add_user("ana")
    emulator.workspace.triggers["t1"] = (user.id, 0.0)  # issued long ago
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []}
    with pytest.raises(SlackApiError, match="expired_trigger_id"):
        client.views_open(trigger_id="t1", view=view)
    with pytest.raises(SlackApiError, match="invalid_trigger_id"):
        client.views_open(trigger_id="never-issued", view=view)


def test_rate_limits_per_workspace_and_per_channel(emulator, client) -> None:
    busy = emulator.workspace.add_channel("crew").id
    emulator.limit_rate("chat.postMessage", per_second=5, per_channel_per_second=1)
    client.chat_postMessage(channel=busy, text="1")
    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel=busy, text="2")  # the channel's second this second
    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "1"
    others = [emulator.workspace.add_channel(f"c{i}").id for i in range(6)]
    outcomes = []
    for channel in others:
        try:
            client.chat_postMessage(channel=channel, text="x")
            outcomes.append("ok")
        except SlackApiError:
            outcomes.append("429")
    assert outcomes == ["ok"] * 4 + ["429"] * 2  # 5 a second for the workspace


def test_a_reset_emulator_is_a_fresh_one_at_the_same_address(emulator, client) -> None:
    # Tests share one emulator per worker: nothing one leaves behind may reach the next.
    first = emulator.workspace.add_user("gus")
    client.chat_postMessage(channel=first.id, text="hi")
    emulator.fail("chat.postMessage", error="channel_not_found", times=5)
    emulator.limit_rate("chat.postMessage", per_second=1)
    url = emulator.api_url
    emulator.reset()
    assert emulator.api_url == url and emulator.calls() == []
    assert emulator.workspace.messages == [] and first.id not in emulator.workspace.users
    again = emulator.workspace.add_user("gus")
    assert again.id == first.id  # ids start over, as in a fresh workspace
    for _ in range(3):  # neither the planned failures nor the rate limit survived
        assert client.chat_postMessage(channel=again.id, text="hi")["ok"]
