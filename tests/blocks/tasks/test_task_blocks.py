"""Task and broadcast surfaces at Slack's limits, rendered from plain views."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks.limits import check_message, check_view
from bot.blocks.tasks import broadcasts
from bot.blocks.tasks import tasks as blocks
from bot.services.tasks.views import BroadcastView, RecipientView, TaskView

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)
NASTY = st.text(alphabet=st.sampled_from("a &<>\n🎬@:/"), min_size=1, max_size=2000)


def _task(i: int = 1, what: str = "pick up lunch", status: str = "assigned") -> TaskView:
    return TaskView(
        id=i,
        what=what,
        status=status,
        assignee=f"U{i}",
        assignee_name=f"Person {i} " + "x" * 60,
        place=what[:200],
        due_at=NOW,
        priority="high",
        decline_reason=what if status == "declined" else None,
    )


def _message(shown: list) -> None:
    check_message({"text": "x", "blocks": shown})


@settings(max_examples=40, deadline=None)
@given(what=NASTY, status=st.sampled_from(["assigned", "accepted", "done", "declined"]))
def test_any_task_text_fits_every_surface(what: str, status: str) -> None:
    task = _task(what=what, status=status)
    _message(blocks.assignee_blocks(task, what[:80], "America/Los_Angeles"))
    _message(blocks.needs_reassigning_blocks(task, what[:80], f"can't do it: {what}", "UTC"))
    _message(blocks.group_blocks([task], "UTC"))
    check_view(blocks.cant_modal(task))
    check_view(blocks.reassign_modal(task))


def test_500_people_on_one_assignment_and_in_the_list() -> None:
    many = [_task(i, "&" * 2000, "declined") for i in range(500)]
    _message(blocks.group_blocks(many, "UTC"))
    _message(blocks.list_blocks(many, "UTC", True, NOW))
    check_view(blocks.assign_modal(1, [(i, "d" * 200) for i in range(300)]))


def test_a_broadcast_to_500_people_keeps_its_tally_inside_one_message() -> None:
    sent = BroadcastView(id=1, message="<!channel> " + "&" * 2990, ack_required=True)
    silent = [f"Crew member {i} " + "&" * 40 for i in range(500)]
    shown = broadcasts.tally_blocks(sent, "Broadcast #1: 0/500 acknowledged", silent)
    _message(shown)
    assert len(shown) <= 50
    names = shown[-1]["text"]["text"]
    listed = names.count("Crew member")
    assert listed > 10 and names.endswith(f" and {500 - listed} more")
    for recipient in (None, RecipientView(), RecipientView(NOW)):
        dm = broadcasts.message_blocks(sent, "Cora " + "<" * 300, recipient, "UTC")
        _message(dm)
        assert "<!channel>" not in str(dm)


def test_the_broadcast_form_offers_every_role() -> None:
    roles = ("coordinator", "pa", "crew", "cast")
    form = broadcasts.broadcast_modal(1, [(i, "d" * 200) for i in range(300)], roles)
    check_view(form)
    labels = [o["text"]["text"] for o in _options(form, "roles")]
    assert labels == ["Coordinators", "PAs", "Crew", "Cast"]  # as a coordinator says them


def _options(view: dict, block_id: str) -> list[dict]:
    (block,) = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return block["element"]["options"]
