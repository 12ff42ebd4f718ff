"""Socket Mode: the emulator hands out a websocket URL and sends envelopes over it."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from websockets.sync.server import Server, ServerConnection, serve

from slack_emulator.server import SlackEmulator


class SocketReply:
    """An app's acknowledgement of an envelope, shaped like an HTTP reply."""

    def __init__(self, ack: dict[str, Any]) -> None:
        self.ack = ack
        self.status_code = 200
        payload = ack.get("payload")
        self.content = json.dumps(payload).encode() if payload else b""
        self.text = self.content.decode()

    def json(self) -> Any:
        """The ack's payload."""
        return self.ack.get("payload") or {}


class SocketModeServer:
    """The websocket end of Socket Mode, for one app connection at a time."""

    def __init__(self, emulator: SlackEmulator) -> None:
        self.emulator = emulator
        self._server: Server | None = None
        self._connection: ServerConnection | None = None
        self._connected = threading.Event()
        self._acks: dict[str, dict[str, Any]] = {}
        self._ack_arrived = threading.Condition()

    def start(self) -> SocketModeServer:
        """Listen on an ephemeral port; apps.connections.open now hands out its URL."""
        # Ping often: the app's client holds a lock while it waits to read, so a close it
        # starts would otherwise wait out its 3 s read timeout.
        self._server = serve(self._handle, "127.0.0.1", 0, ping_interval=0.05)
        port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.emulator.socket_url = f"ws://127.0.0.1:{port}/link/?ticket={uuid.uuid4()}"
        return self

    def stop(self) -> None:
        """Close the connection and stop listening."""
        if self._server is not None:
            self._server.shutdown()

    def wait_connected(self, timeout: float = 10) -> None:
        """Block until the app has connected."""
        if not self._connected.wait(timeout):
            raise TimeoutError("the app did not connect over Socket Mode")

    def _handle(self, connection: ServerConnection) -> None:
        self._connection = connection
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "emulator", "approximate_connection_time": 18060},
                    "connection_info": {"app_id": "A0SLATE"},
                }
            )
        )
        self._connected.set()
        for raw in connection:
            ack = json.loads(raw)
            with self._ack_arrived:
                self._acks[ack.get("envelope_id", "")] = ack
                self._ack_arrived.notify_all()

    def send(self, kind: str, payload: dict[str, Any], timeout: float = 10) -> SocketReply:
        """Send an envelope (slash_commands, interactive, events_api) and wait for its ack."""
        self.wait_connected()
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        assert self._connection is not None
        self._connection.send(json.dumps(envelope))
        with self._ack_arrived:
            if not self._ack_arrived.wait_for(lambda: envelope_id in self._acks, timeout):
                raise TimeoutError(f"no ack for {kind} envelope within {timeout} s")
            return SocketReply(self._acks.pop(envelope_id))
