"""The sheet kept at publish reads back as the very sheet that was published."""

from __future__ import annotations

import json

from bot.services.callsheets import sheet, sheet_codec
from tests.services.callsheets.full_day import day, production_with_schedule


def test_a_full_sheet_reads_back_whole(session) -> None:
    production = production_with_schedule(session, phones="all")
    view = sheet.build(session, production, day(session, production))
    # Every section is there to lose: cast, crew, scenes, contacts, walkies, the advance.
    assert view.cast and view.crew and view.scenes and view.contacts and view.walkies
    assert view.location is not None and view.advance
    stored = json.loads(json.dumps(sheet_codec.to_plain(view)))  # as the JSON column keeps it
    assert sheet_codec.sheet_from_plain(stored) == view
