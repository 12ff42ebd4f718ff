"""Wrap's notify: recorded facts become Block Kit and outbox rows in the same commit."""

from __future__ import annotations

from datetime import date, timedelta

from bot import events
from bot.services.wrap import daily_report, documents, gear, wrap
from bot.services.wrap.events import DayUncovered, MealDue, MealLate, WrapReminderDue
from tests.services.wrap.world import AD, COORDINATOR, GRIP, NOW, build, sent


def texts(session, channel: str) -> list[str]:
    """What was queued for one channel or DM."""
    return [m.payload.get("text", "") for m in sent(session, channel)]


def test_wrap_posts_once_dms_each_person_once_and_drafts_the_report(session) -> None:
    """Wrap: one crew post, one DM each, the DPR draft; a correction re-drafts and tells no one."""
    world = build(session)
    wrap.record(session, world.production, COORDINATOR, "12:45p", NOW)
    assert sent(session) == []  # nothing before the commit
    session.commit()
    assert texts(session, "CCREW") == [
        ":clapper: That's a wrap on Fri Jun 12 at 12:45 PM. Thank you!"
    ]
    for person in (COORDINATOR, AD, GRIP):
        assert texts(session, person) == ["Wrapped Fri Jun 12. Nothing open for you. Rest well."]
    (draft,) = sent(session, "COFFICE")
    assert draft.ref == f"dpr:{world.day.id}" and "*Wrap:* 12:45 PM" in str(draft.payload)
    wrap.record(session, world.production, COORDINATOR, "12:50p", NOW)
    session.commit()
    assert len(texts(session, "CCREW")) == 1 and len(texts(session, GRIP)) == 1
    update = sent(session)[-1]
    assert update.method == "chat.update" and "*Wrap:* 12:50 PM" in str(update.payload)


def test_loose_ends_reach_the_person_who_has_them(session) -> None:
    """The grip's DM lists the gear out to them, escaped."""
    world = build(session)
    gear.check_out(session, world.production, GRIP, "<!channel> c-stand", NOW)
    wrap.record(session, world.production, COORDINATOR, "", NOW)
    session.commit()
    (dm,) = sent(session, GRIP)
    assert "return &lt;!channel&gt; c-stand" in dm.payload["text"]
    assert "<!channel>" not in str(dm.payload)


def test_meal_warnings_go_to_the_office_only_if_there_is_one(session) -> None:
    """The meal clock's warnings, in the production's time; no office, no message."""
    world = build(session)
    due = NOW - timedelta(minutes=30)
    events.record(session, MealDue(at=NOW, production_id=world.production.id, due_at=due))
    events.record(session, MealLate(at=NOW, production_id=world.production.id, due_at=due))
    session.commit()
    assert texts(session, "COFFICE") == [
        ":fork_and_knife: The crew's meal is due at 12:30 PM (30 min). Call it with `/meal start`.",
        ":rotating_light: The crew's meal was due at 12:30 PM: meal penalties are running.",
    ]
    world.production.coordinators_channel_id = None
    events.record(session, MealDue(at=NOW, production_id=world.production.id, due_at=due))
    session.commit()
    assert len(sent(session)) == 2


def test_an_uncovered_day_is_told_once(session) -> None:
    """The same uncovered day and place, recorded twice, makes one message."""
    world = build(session)
    for _ in range(2):
        events.record(
            session,
            DayUncovered(
                at=NOW,
                production_id=world.production.id,
                day_id=world.day.id,
                day=date(2026, 6, 12),
                location="Rosa's Diner",
            ),
        )
        session.commit()
    assert texts(session, "COFFICE") == [
        ":warning: Fri Jun 12 shoots at Rosa's Diner with no valid film permit or location "
        "agreement on file for that date."
    ]


def test_the_wrap_reminder_is_a_dm_to_who_asked(session) -> None:
    """The planned wrap time reaches the coordinator who set it."""
    world = build(session)
    events.record(
        session, WrapReminderDue(at=NOW, day_id=world.day.id, day=world.day.date, actor=COORDINATOR)
    )
    session.commit()
    assert texts(session, COORDINATOR) == [
        "It's the planned wrap time for Fri Jun 12. When wrap is called, type `/wrap` "
        "(or `/wrap 19:42`)."
    ]


def test_posting_the_report_sends_it_and_marks_the_draft(session) -> None:
    """Post: the report goes to the report channel; the draft now offers "Post again"."""
    world = build(session)
    world.production.settings = {"report_channel_id": "CREPORTS"}
    wrap.record(session, world.production, COORDINATOR, "", NOW)
    session.commit()
    daily_report.post(session, "T1", world.day.id, COORDINATOR, NOW)
    session.commit()
    (posted,) = sent(session, "CREPORTS")
    assert posted.payload["text"] == "Daily production report: Night Owl Day 1, Fri Jun 12"
    assert "Post again" not in str(posted.payload)
    assert "Post again" in str(sent(session)[-1].payload)


def test_a_day_covered_before_the_commit_is_not_warned_about(session) -> None:
    """A permit filed in the same transaction as the day (an import, the demo): no warning."""
    world = build(session)
    events.record(
        session,
        DayUncovered(
            at=NOW,
            production_id=world.production.id,
            day_id=world.day.id,
            day=date(2026, 6, 12),
            location="Rosa's Diner",
        ),
    )
    documents.add(
        session,
        world.production,
        None,
        "film_permit",
        "Rosa's Diner",
        date(2026, 6, 1),
        date(2026, 6, 30),
        NOW,
    )
    session.commit()
    assert not any("no valid film permit" in t for t in texts(session, "COFFICE"))
