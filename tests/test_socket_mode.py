"""Socket Mode: the same Slate answers envelopes over a websocket."""

from __future__ import annotations

import json

from slack_bolt.adapter.socket_mode import SocketModeHandler

from slack_emulator import SlackSide
from slack_emulator.socket_mode import SocketModeServer
from tests import harness
from tests.conftest import NOW


def test_commands_interactions_and_events_over_socket_mode(emulator, engine) -> None:
    socket = SocketModeServer(emulator).start()
    slate = harness.build(emulator, engine, NOW)
    handler = SocketModeHandler(slate.bolt, emulator.app_token)
    handler.connect()
    try:
        socket.wait_connected()
        assert emulator.calls("apps.connections.open")[0].token == emulator.app_token
        slack = SlackSide(emulator, socket=socket)
        gus = emulator.workspace.add_user("gus")

        help_reply = slack.command(gus, "/slate", "help")
        assert "/slate help" in help_reply.json()["text"]

        slack.command(gus, "/slate", "setup")
        view = slack.last_view(gus)
        channel = emulator.workspace.add_channel("crew").id
        ack = slack.submit(
            gus,
            view,
            {"name": "Socket Shoot", "crew_channel": channel, "coordinators_channel": channel},
        )
        assert ack.json() == {}

        slack.open_home(gus)
        slate.outbox.deliver_all()
        assert "Socket Shoot" in json.dumps(emulator.workspace.home[gus.id])
        assert "Saved Socket Shoot" in emulator.workspace.dm_messages(gus.id)[-1].text
    finally:
        handler.close()
        socket.stop()
