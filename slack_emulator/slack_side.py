"""Slack's side of the conversation: signed requests to an app's /slack/events."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx

from slack_emulator import escaping, payloads, rules
from slack_emulator.server import SlackEmulator
from slack_emulator.signing import sign
from slack_emulator.socket_mode import SocketModeServer
from slack_emulator.state import Ephemeral, Message, User, Workspace
from slack_emulator.state_values import fill_view


class SlackSide:
    """Sends what Slack would send to an app, signed with its signing secret."""

    def __init__(
        self,
        emulator: SlackEmulator,
        events_url: str = "",
        signing_secret: str = "",
        *,
        socket: SocketModeServer | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        """Deliver to `events_url` signed over HTTP, or as envelopes over `socket`, from
        `workspace` (default: the emulator's first)."""
        self.emulator = emulator
        self.ws = workspace or emulator.workspace
        self.events_url = events_url
        self.signing_secret = signing_secret
        self.socket = socket
        self.http = httpx.Client(timeout=30)

    # -- raw -------------------------------------------------------------------------------
    def send(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signed: bool = True,
        secret: str | None = None,
    ) -> httpx.Response:
        """POST a body to the app; unsigned, stale or wrongly signed when asked."""
        headers = {"Content-Type": content_type}
        if signed:
            headers.update(sign(secret or self.signing_secret, body, timestamp))
        return self.http.post(self.events_url, content=body, headers=headers)

    def send_form(self, fields: dict[str, str], **options: Any) -> Any:
        """POST form fields, as Slack sends slash commands."""
        if self.socket is not None:
            return self.socket.send("slash_commands", fields)
        return self.send(urlencode(fields).encode(), "application/x-www-form-urlencoded", **options)

    def send_interaction(self, payload: dict[str, Any], **options: Any) -> Any:
        """POST an interactivity payload (form field `payload` holding JSON)."""
        if self.socket is not None:
            return self.socket.send("interactive", payload)
        return self.send(
            urlencode({"payload": json.dumps(payload)}).encode(),
            "application/x-www-form-urlencoded",
            **options,
        )

    def send_event(self, event: dict[str, Any], **options: Any) -> Any:
        """POST an Events API callback."""
        if self.socket is not None:
            return self.socket.send("events_api", payloads.event_callback(self.ws, event))
        body = json.dumps(payloads.event_callback(self.ws, event)).encode()
        return self.send(body, "application/json", **options)

    # -- what people do --------------------------------------------------------------------
    def command(
        self,
        user: User,
        command: str,
        text: str = "",
        channel: str | None = None,
        *,
        escape: bool = True,
        **options: Any,
    ) -> httpx.Response:
        """Type a slash command, in a channel or (by default) the user's DM with the app.
        A command declared should_escape gets `@name` as `<@U…|name>`, unless `escape=False`
        (text exactly as typed, as a client that does not escape would send it)."""
        channel_id = channel or self.ws.open_im(user.id).id
        if escape and command in escaping.escaped_commands():
            text = escaping.escape(self.ws, text)
        fields = payloads.slash_command(self.ws, user, command, text, channel_id)
        response = self.send_form(fields, **options)
        self._show_reply(user, channel_id, response)
        return response

    def _show_reply(self, user: User, channel_id: str, response: Any) -> None:
        """Slack shows a command's response body to the person who typed it."""
        if response.status_code != 200 or not response.content:
            return
        try:
            body = response.json()
        except ValueError:
            body = {"text": response.text}
        if body.get("text") or body.get("blocks"):
            with self.ws.lock:
                self.ws.ephemerals.append(
                    Ephemeral(
                        channel_id,
                        user.id,
                        body.get("text", ""),
                        body.get("blocks") or [],
                        self.ws.new_ts(),
                    )
                )

    def click(
        self,
        user: User,
        action_id: str,
        *,
        message: Message | Ephemeral | None = None,
        view: dict[str, Any] | None = None,
        value: Any = None,
    ) -> httpx.Response:
        """Click the button or pick the option `action_id` on a message or in a view."""
        surface = message.blocks if message is not None else (view or {}).get("blocks", [])
        block_id, element = _find_element(surface, action_id)
        action = {
            "action_id": action_id,
            "block_id": block_id,
            "type": element["type"],
            "action_ts": f"{self.ws.new_ts()}",
        }
        if element["type"] == "button":
            action.update(value=element.get("value"), text=element.get("text"))
        elif element["type"] == "checkboxes":
            wanted = set(value or [])
            action["selected_options"] = [
                o for o in element.get("options", []) if o["value"] in wanted
            ]
        elif element["type"] == "static_select":
            action["selected_option"] = next(
                o for o in element.get("options", []) if o["value"] == value
            )
        if message is not None:
            payload = payloads.block_actions_on_message(self.ws, user, message, action)
        else:
            payload = payloads.block_actions_in_view(self.ws, user, view or {}, action)
        return self.send_interaction(payload)

    def suggest(self, user: User, view: dict[str, Any], action_id: str, typed: str) -> list[Any]:
        """Type into an external select of a modal; the options the app offers (rules kept)."""
        block_id, _ = _find_element(view.get("blocks") or [], action_id)
        payload = payloads.block_suggestion(self.ws, user, view, block_id, action_id, typed)
        response = self.send_interaction(payload)
        if response.status_code != 200:
            raise LookupError(f"the app answered block_suggestion with {response.status_code}")
        answer = response.json() if response.content else {}
        rules.check_suggestions(answer)
        return list(answer.get("options") or answer.get("option_groups") or [])

    def invite_bot(self, channel_id: str, inviter: User | None = None) -> Any:
        """`/invite @Slate` in a channel: the bot joins, and the app hears member_joined_channel."""
        channel = self.ws.channels[channel_id]
        with self.ws.lock:
            channel.members.add(self.ws.bot_user_id)
        event = {
            "type": "member_joined_channel",
            "user": self.ws.bot_user_id,
            "channel": channel_id,
            "channel_type": "G" if channel.is_private else "C",
            "team": self.ws.team_id,
            "event_ts": self.ws.new_ts(),
        }
        if inviter is not None:
            event["inviter"] = inviter.id
        return self.send_event(event)

    def submit(
        self,
        user: User,
        view: dict[str, Any],
        answers: dict[str, Any] | None = None,
        **options: Any,
    ) -> httpx.Response:
        """Fill a modal's inputs (by action_id) and press Submit."""
        values = fill_view(view, answers or {})
        return self.send_interaction(
            payloads.view_submission(self.ws, user, view, values), **options
        )

    def shortcut(self, user: User, callback_id: str) -> httpx.Response:
        """Use a global shortcut."""
        return self.send_interaction(payloads.shortcut(self.ws, user, callback_id))

    def message_shortcut(self, user: User, callback_id: str, message: Message) -> httpx.Response:
        """Use a message shortcut on `message`."""
        return self.send_interaction(payloads.message_shortcut(self.ws, user, callback_id, message))

    def open_home(self, user: User) -> httpx.Response:
        """Open the app's Home tab."""
        event = {
            "type": "app_home_opened",
            "user": user.id,
            "channel": self.ws.open_im(user.id).id,
            "tab": "home",
            "event_ts": self.ws.new_ts(),
        }
        return self.send_event(event)

    def dm_app(self, user: User, text: str, files: list[dict[str, Any]] | None = None) -> Any:
        """Send the app a direct message."""
        channel = self.ws.open_im(user.id).id
        event: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "user": user.id,
            "text": text,
            "ts": self.ws.new_ts(),
            "channel_type": "im",
            "event_ts": self.ws.new_ts(),
        }
        if files:
            event.update(subtype="file_share", files=files)
        with self.ws.lock:  # the person's own line shows in the DM, as in Slack
            self.ws.messages.append(
                Message(channel, event["ts"], text, [], user.id, files=list(files or []))
            )
        return self.send_event(event)

    def last_view(self, user: User) -> dict[str, Any]:
        """The modal most recently opened for `user`."""
        views = [v for v in self.ws.views.values() if v.get("user") == user.id]
        if not views:
            raise LookupError(f"no modal was opened for {user.name}")
        return views[-1]

    def last_view_named(self, callback_id: str) -> dict[str, Any]:
        """The modal most recently opened with this callback_id."""
        views = [v for v in self.ws.views.values() if v.get("callback_id") == callback_id]
        if not views:
            raise LookupError(f"no {callback_id} modal was opened")
        return views[-1]

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()


def _find_element(blocks: list[dict[str, Any]], action_id: str) -> tuple[str, dict[str, Any]]:
    for block in blocks:
        candidates = list(block.get("elements") or [])
        for key in ("accessory", "element"):
            if block.get(key):
                candidates.append(block[key])
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return block.get("block_id", ""), element
    raise LookupError(f"no element with action_id {action_id!r}")
