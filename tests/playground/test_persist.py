"""The emulated workspace survives a restart: saved to a file, loaded back the same."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from slack_emulator.persist import Keeper, dump, load
from slack_emulator.state import Message, Workspace

texts = st.text(max_size=40)


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(st.tuples(texts, st.booleans()), max_size=8),
    content=st.binary(max_size=64),
)
def test_a_saved_workspace_loads_back_the_same(lines: list[tuple[str, bool]], content: bytes):
    ws = Workspace()
    pat = ws.add_user("pat", "pat@nightowl.film", real_name="Pat PA", title="Set PA")
    crew = ws.add_channel("nightowl-crew", [pat.id])
    ws.open_im(pat.id)
    parent = None
    for text, in_thread in lines:
        message = ws.post_as(pat, crew.id, text)
        if in_thread and parent is not None:
            message.thread_ts = parent.ts
        parent = parent or message
    ws.files["F1"] = {"id": "F1", "name": "receipt.png", "content": content}
    ws.views["V1"] = {"id": "V1", "blocks": [{"type": "input"}]}
    saved = json.loads(json.dumps(dump(ws)))
    again = Workspace()
    load(again, saved)
    assert dump(again) == dump(ws)
    assert again.files["F1"]["content"] == content
    # New ids and timestamps carry on after the saved ones: nothing collides.
    assert again.new_id("C") not in again.channels and again.new_ts() > (
        ws.messages[-1].ts if ws.messages else "0"
    )


def test_the_keeper_saves_after_a_change_and_restores(tmp_path: Path) -> None:
    path = tmp_path / "slack.json"
    ws = Workspace()
    pat = ws.add_user("pat")
    keeper = Keeper(ws, path, delay=0.01)
    with ws.lock:
        ws.messages.append(
            Message(ws.open_im(pat.id).id, ws.new_ts(), "what's my call?", [], pat.id)
        )
    keeper.changed()
    keeper.stop()
    again = Workspace()
    assert Keeper.restore(again, path)
    assert [m.text for m in again.messages] == ["what's my call?"]
    # Another team's file, or a broken one, is not loaded.
    assert not Keeper.restore(Workspace(team_id="T0OTHER"), path)
    path.write_text("{")
    assert not Keeper.restore(Workspace(), path)
