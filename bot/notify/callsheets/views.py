"""Each person's published day drawn as blocks when what they were told changes, so the
reads (/calltime) serve the drawing instead of drawing it on every request."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from bot.blocks.callsheets.callsheet import day_blocks
from bot.blocks.callsheets.calltime import CALL_LABEL
from bot.blocks.limits import check_blocks
from bot.services.callsheets.person_day import PersonDay
from bot.store.models_callsheet import CallSheetRecipient


def draw_changed(session: Session, *_: Any) -> None:
    """Before a flush: draw every recipient row whose view was changed (or never drawn)."""
    for record in (*session.new, *session.dirty):
        if (
            isinstance(record, CallSheetRecipient)
            and record.view_blocks is None
            and record.working
            and record.told
        ):
            record.view_blocks = draw(record.told)


def draw(told: dict[str, Any]) -> str:
    """A stored view as the blocks /calltime shows under its title, checked against limits."""
    blocks = day_blocks(PersonDay.from_json(told), CALL_LABEL)
    check_blocks(blocks)
    return json.dumps(blocks, separators=(",", ":"))
