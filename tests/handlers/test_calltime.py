"""/calltime in each of its forms, and "what's my call?" by DM."""

from __future__ import annotations

import pytest

from bot.services.core import crew as crew_service
from bot.store.models import Production
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running


def ask(running: Running, crew: Crew, text: str = "", who=None) -> str:
    reply = running.slack.command(who or crew.grip, "/calltime", text, channel=crew.crew_channel)
    assert reply.status_code == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    return body["text"] + "\n" + str(body["blocks"])


def test_no_schedule_yet(running: Running, crew: Crew) -> None:
    assert "No schedule yet" in ask(running, crew)


def test_not_out_yet_before_publishing(running: Running, crew: Crew) -> None:
    compose(running, crew)
    assert "isn't out yet. It goes out at 6:00 PM on Thu" in ask(running, crew)


@pytest.fixture
def published(running: Running, crew: Crew) -> Crew:
    compose(running, crew)
    publish(running, crew)
    return crew


def test_my_call(running: Running, published: Crew) -> None:
    answer = ask(running, published)
    assert answer.startswith("Your call Fri Jun 12: 6:00 AM")
    assert "*Shooting call*\\n8:00 AM" in answer and "123 Main St" in answer and "Lot B" in answer


def test_someone_elses_call(running: Running, published: Crew) -> None:
    answer = ask(running, published, f"<@{published.pa.id}|pat>")
    assert answer.startswith("Pat PA's call Fri Jun 12: 6:30 AM")
    # Under "Pat PA's call", the field is their call, not "Your call".
    assert "*Call*\\n*6:30 AM*" in answer and "Your call" not in answer.split("\n", 1)[1]


def test_a_departments_calls(running: Running, published: Crew) -> None:
    answer = ask(running, published, "grip", who=published.pa)
    assert answer.startswith("Grip calls Fri Jun 12") and "Gus Grip" in answer


def test_a_named_day(running: Running, published: Crew) -> None:
    assert ask(running, published, "fri").startswith("Your call Fri Jun 12: 6:00 AM")
    assert ask(running, published, "6/12").startswith("Your call Fri Jun 12")


def test_a_day_off(running: Running, published: Crew) -> None:
    assert "Sat Jun 13 is a day off" in ask(running, published, "sat")
    assert "Thu Jun 11 is a day off — no shoot scheduled. Next shoot day: Fri Jun 12" in ask(
        running, published, "thu"
    )


def test_not_on_the_call_sheet(running: Running, published: Crew) -> None:
    compose(running, published, calls="Gus Grip off")
    publish(running, published)
    assert "You're not on the call sheet for Fri Jun 12" in ask(running, published)


def test_after_wrap_the_next_day_is_meant(running: Running, published: Crew) -> None:
    running.clock.advance(days=2, hours=4)  # Fri 14:00, before the estimated 19:00 wrap
    assert ask(running, published).startswith("Your call Fri Jun 12")
    running.clock.advance(hours=6)  # Fri 20:00: wrapped; no more days
    assert "No schedule yet" in ask(running, published)


def test_gibberish_says_what_to_type(running: Running, published: Crew) -> None:
    assert "Try `/calltime`, `/calltime fri`" in ask(running, published, "banana split")


def test_whats_my_call_by_dm(running: Running, published: Crew) -> None:
    running.slack.dm_app(published.grip, "what's my call time?")
    running.deliver()
    assert running.emulator.workspace.dm_messages(published.grip.id)[-1].text.startswith(
        "Your call Fri Jun 12: 6:00 AM"
    )


def test_calendar_subscription_over_http(running: Running, published: Crew) -> None:
    import httpx
    from icalendar import Calendar

    running.slate.bolt.public_url = running.url
    link = ask(running, published, "subscribe")
    url = link.split("calls: ")[1].split(" ")[0]
    assert url.startswith(f"{running.url}/ical/") and url.endswith(".ics")
    assert ask(running, published, "subscribe").split("calls: ")[1].split(" ")[0] == url
    feed = httpx.get(url)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2026-06-12T13:00:00+00:00"  # 6:00 AM PDT
    assert "123 Main St" in str(event.get("location"))
    compose(running, published, departments="Grip -60")
    publish(running, published)
    (event,) = Calendar.from_ical(httpx.get(url).content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2026-06-12T12:30:00+00:00"  # revised
    assert "turned off" in ask(running, published, "unsubscribe")
    assert httpx.get(url).status_code == 404


def test_calendar_needs_a_public_address(running: Running, published: Crew) -> None:
    assert "SLATE_PUBLIC_URL" in ask(running, published, "subscribe")


def test_someone_off_the_crew_list_is_told_so(running: Running, published: Crew) -> None:
    assert "not on Night Owl's crew list" in ask(running, published, who=published.outsider)
    assert "not on Night Owl's crew list" in ask(
        running, published, "subscribe", who=published.outsider
    )


def _link(running: Running, crew: Crew, text: str) -> str:
    return ask(running, crew, text).split("calls: ")[1].split(" ")[0]


def test_a_leaked_calendar_url_is_replaced_and_the_old_one_stops(
    running: Running, published: Crew
) -> None:
    import httpx

    running.slate.bolt.public_url = running.url
    old = _link(running, published, "subscribe")
    assert httpx.get(old).status_code == 200
    answer = ask(running, published, "subscribe  NEW")
    assert "old calendar link no longer works" in answer
    new = _link(running, published, "subscribe new")
    assert new != old
    assert httpx.get(old).status_code == 404
    assert httpx.get(new).status_code == 200
    assert _link(running, published, "subscribe") == new  # plain subscribe keeps the new one


def test_a_feed_is_gone_30_days_after_the_last_shoot_day(running: Running, published: Crew) -> None:
    import httpx

    running.slate.bolt.public_url = running.url
    url = _link(running, published, "subscribe")
    running.clock.advance(days=32)  # Fri Jun 12 was the last shoot day: Jul 12 is within 30
    assert httpx.get(url).status_code == 200
    running.clock.advance(days=1)
    gone = httpx.get(url)
    assert gone.status_code == 410 and "ended" in gone.text


def test_the_whole_day_and_a_big_department_stay_short(running: Running, crew: Crew) -> None:
    """At any crew size a group answer is a count by call time, the first names, and how to
    get the rest."""

    rows = "".join(f"Grip {n:03d},g{n}@x.film,Grip,crew,\n" for n in range(300))
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        crew_service.import_crew(
            db, production, "name,email,department,role,slack_user_id\n" + rows
        )
        db.commit()
    compose(running, crew)
    publish(running, crew)
    everyone = ask(running, crew, "all fri")
    assert everyone.startswith("Everyone calls Fri Jun 12: 303 people")
    assert "6:00 AM — 301" in everyone and "6:30 AM — 2" in everyone
    grips = ask(running, crew, "grip")
    assert grips.startswith("Grip calls Fri Jun 12: 301 people")
    assert "…and 276 more" in grips and "`/calltime grip`" in grips
    assert len(grips) < 12_000


def test_a_department_reads_the_call_sheet_as_published(running: Running, published: Crew) -> None:
    """Moving someone to another department shows in /calltime once the sheet goes out again,
    as their own call does: the group answers come from what was published."""
    from sqlalchemy import select

    from bot.store.models import Department, Person

    with running.db() as db:
        gus = db.scalar(select(Person).where(Person.slack_user_id == published.grip.id))
        electric = Department(production_id=published.production_id, name="Electric")
        db.add(electric)
        db.flush()
        gus.department_id = electric.id
        db.commit()
    assert "Gus Grip" in ask(running, published, "grip", who=published.pa)
    assert "No one in Electric" in ask(running, published, "electric", who=published.pa)
    compose(running, published, departments="Electric -60")
    publish(running, published)
    grip = ask(running, published, "grip", who=published.pa)
    assert "Gus Grip" not in grip
    electric_calls = ask(running, published, "electric", who=published.pa)
    assert electric_calls.startswith("Electric calls Fri Jun 12: 1 person")
    assert "— Gus Grip" in electric_calls


def test_a_department_by_a_word_of_its_name(running: Running, crew: Crew) -> None:
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        rows = "name,email,department,role\nHana Hair,hana@nightowl.film,Hair & Make-up,crew\n"
        crew_service.import_crew(db, production, rows)
        db.commit()
    compose(running, crew)
    publish(running, crew)
    assert ask(running, crew, "hair").startswith("Hair & Make-up calls Fri Jun 12")
    assert ask(running, crew, "make-up fri").startswith("Hair & Make-up calls Fri Jun 12")
    assert ask(running, crew, "makeup").startswith("Hair & Make-up calls Fri Jun 12")
    assert "as a day" in ask(running, crew, "air")  # whole words only
    refused = ask(running, crew, "blorp")
    assert "as a day" in refused and "Try `/calltime`" in refused
    assert "Departments: “Grip”, “Hair &amp; Make-up”, “Production”." in refused
    # After a department, an unreadable day is read as a day too, not a time.
    assert "“blorp” as a day" in ask(running, crew, "grip blorp")
