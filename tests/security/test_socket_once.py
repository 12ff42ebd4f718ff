"""Socket Mode envelopes are applied once too: a redelivered event is answered once."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler

from slack_emulator import payloads
from slack_emulator.socket_mode import SocketModeServer
from tests import harness
from tests.conftest import NOW


def test_a_redelivered_dm_event_is_answered_once(emulator, engine) -> None:
    socket = SocketModeServer(emulator).start()
    slate = harness.build(emulator, engine, NOW)
    handler = SocketModeHandler(slate.bolt, emulator.app_token)
    handler.connect()
    try:
        socket.wait_connected()
        ws = emulator.workspace
        gus = ws.add_user("gus")
        event = {
            "type": "message",
            "channel": ws.open_im(gus.id).id,
            "user": gus.id,
            "text": "what's my call?",
            "ts": ws.new_ts(),
            "channel_type": "im",
            "event_ts": ws.new_ts(),
        }
        envelope = payloads.event_callback(ws, event)
        for _ in range(3):
            socket.send("events_api", envelope)
        slate.outbox.deliver_all()
        answers = [m for m in ws.dm_messages(gus.id) if m.user == ws.bot_user_id]
        assert len(answers) == 1
    finally:
        handler.close()
        socket.stop()
