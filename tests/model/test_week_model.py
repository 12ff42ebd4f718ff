"""A Hypothesis state machine over a production week: edits, publishes, confirms, the clock.

A coordinator edits days through the `/callsheet` editor and publishes them; crew confirm; the
clock crosses midnight and the fall-back DST change. After every step each person's latest DM,
`/calltime <day>`, App Home, their calendar feed, the channel post and the PDF must agree with
the model's sheet as last published, and a publish must message exactly those whose day changed.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from icalendar import Calendar
from sqlalchemy import Engine, select

from bot.blocks.callsheets.callsheet import day_blocks
from bot.blocks.callsheets.calltime import CALL_LABEL
from bot.services.callsheets import calendar, schedule_import
from bot.services.callsheets.person_day import PersonDay
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store.models import Person as PersonRow
from bot.store.models import Production
from bot.store.models_callsheet import CallCount
from bot.store.models_callsheet import CallSheetRecipient as Recipient
from slack_emulator import SlackEmulator, User
from tests import harness
from tests.handlers.callsheet_helpers import progress
from tests.model import week
from tests.model.week import CAST, CREW, DATES, ZONE, Day, Own, clock, title
from tests.model.world import PDFTOTEXT, World, blocks_text, file_bytes, pdf_text

pytestmark = pytest.mark.model

# SQLite runs 200 examples of 4 steps (81 s beside the money machine on 2 cores); PostgreSQL's
# commits cost more, so it runs fewer.
EXAMPLES = {"sqlite": 200, "postgresql": 30}
STEPS = 4

days_ = st.integers(0, len(DATES) - 1)
DM_PREFIXES = ("Your call", "REVISED", "Confirmed", "Superseded")


class WeekMachine(RuleBasedStateMachine):
    """Four shoot days, four crew in four departments, two cast; two days share a location."""

    world: World

    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        self.running = self.stack.enter_context(self.world.example(week.START))
        self.places = dict(week.LOCATIONS)
        self.departments: dict[str, str | None] = {n: d for n, d, _ in CREW}
        self.departments.update(dict.fromkeys(CAST))
        self.days = [
            Day(on, "6a", "12:30p", place, own={c: Own("5:30a", "4:45a", "5a") for c in CAST})
            for on, place in zip(DATES, week.FIRST_PLACES, strict=True)
        ]
        self.days[1].general, self.days[1].lunch = "6:30p", "12:30a"  # overnight into DST
        self.published: dict[int, week.Sheet] = {}
        self.revisions: dict[int, int] = {}
        self.nightly_done: set[int] = set()  # days whose 18:00-the-evening-before post ran
        self.pdf_cache: dict[str, str] = {}
        self._setup()
        self._import()

    def teardown(self) -> None:
        """Unplug this example's Slate."""
        self.stack.close()

    def _setup(self) -> None:
        ws = self.running.emulator.workspace
        self.users: dict[str, User] = {}
        for name in [n for n, _, _ in CREW] + list(CAST):
            self.users[name] = ws.add_user(name.split()[0].lower(), real_name=name)
        self.crew_channel = ws.add_channel("crew").id
        self.office = ws.add_channel("office").id
        cora = self.users["Cora Coordinator"]
        rows = "".join(f"{n},{d},{r},{self.users[n].id}\n" for n, d, r in CREW) + "".join(
            f"{n},,cast,{self.users[n].id}\n" for n in CAST
        )
        with self.running.db() as db:
            production = productions.create_production(
                db,
                ws.team_id,
                productions.ProductionForm(
                    "Night Owl", week.TZ, "USD", self.crew_channel, self.office
                ),
                now=week.START,
                creator_id=cora.id,
                creator_name="Cora Coordinator",
            )
            crew_service.import_crew(db, production, "name,department,role,slack_user_id\n" + rows)
            db.commit()
            self.tokens = {}
            for person in db.scalars(select(PersonRow)):
                self.tokens[person.name] = calendar.subscribe(db, person, week.START).token
            db.commit()

    def _import(self) -> None:
        """`slate import schedule`'s service: the week, as a CSV written from the model."""
        out = io.StringIO()
        fields = ("date", "location", "address", "parking", "call", "lunch")
        writer = csv.writer(out)
        writer.writerow([*fields, "departments", "calls"])
        for day in self.days:
            typed = day.editor(self.places)
            writer.writerow(
                [
                    day.on.isoformat(),
                    day.place,
                    *self.places[day.place],
                    day.general,
                    day.lunch,
                    typed["departments"].replace("\n", ";"),
                    typed["calls"].replace("\n", ";"),
                ]
            )
        with self.running.db() as db:
            production = db.scalar(select(Production))
            report = schedule_import.import_schedule(
                db, production, out.getvalue(), "week.csv", now=week.START
            )
            assert report.imported and not report.errors, report.errors
            db.commit()
        self.running.deliver()

    # -- how the coordinator works -----------------------------------------------------------
    @property
    def coordinator(self) -> User:
        return self.users["Cora Coordinator"]

    def today(self):
        return self.running.clock.now().astimezone(ZONE).date()

    def _open(self, index: int) -> bool:
        return self.days[index].on >= self.today()

    def _save(self, index: int) -> None:
        """/callsheet <day>, change the model's fields in the editor, Save."""
        day = self.days[index]
        slack = self.running.slack
        slack.command(self.coordinator, "/callsheet", f"{day.on:%-m/%-d}", channel=self.office)
        view = slack.last_view(self.coordinator)
        answers = day.editor(self.places)
        if any(b.get("block_id") == "location_scope" for b in view["blocks"]):
            answers["location_scope"] = "all"  # the model's places are shared by their days
        reply = slack.submit(self.coordinator, view, answers)
        assert not reply.content or "errors" not in reply.json(), (day, reply.text)
        self.running.deliver()

    def _publish(self, index: int, command: str, text: str) -> None:
        """Publish through `command` (it queues a job; Slate's scheduler runs it); press
        Publish anyway on the progress DM if rules hold it."""
        before = self._counts()
        reply = self.running.slack.command(self.coordinator, command, text, channel=self.office)
        assert "errors" not in reply.json(), reply.text
        published = self._tick({index})
        held = _progress(self.running, self.coordinator)
        if held is not None and "Publish anyway" in blocks_text(held.blocks or []):
            self.running.slack.click(self.coordinator, "callsheet_publish_anyway", message=held)
            published |= self._tick({index})
        self._account(before, published)

    def _counts(self) -> dict[tuple[str, int], set[str]]:
        """The call-sheet DMs each person holds for each day, by ts (an edit keeps its ts)."""
        ws = self.running.emulator.workspace
        return {
            (name, index): {m.ts for m in _call_dms(ws, user) if title(day.on) in m.text}
            for name, user in self.users.items()
            for index, day in enumerate(self.days)
        }

    def _tick(self, asked: set[int]) -> set[int]:
        """Deliver, let the scheduler run what is due (queued publishes, the nightly post at
        18:00 the evening before each day), deliver; the days that may have gone out."""
        self.running.deliver()
        self.running.slate.scheduler.tick()
        self.running.deliver()
        now = self.running.clock.now()
        nightly = {
            i
            for i, day in enumerate(self.days)
            if i not in self.nightly_done
            and datetime.combine(day.on - timedelta(days=1), time(18), ZONE) <= now
        }
        self.nightly_done |= nightly
        return asked | nightly

    def _account(self, before: dict[tuple[str, int], set[str]], published: set[int]) -> None:
        """Each person whose view of a published day changed got exactly one DM for it."""
        after = self._counts()
        for index in sorted(published):
            day = self.days[index]
            sheet = day.sheet(self.places, self.departments)
            old = self.published.get(index)
            for name in self.users:
                changed = sheet.view(name) != (old.view(name) if old else None)
                told = len(after[name, index] - before[name, index])
                assert told == (1 if changed and sheet.view(name) else 0), (
                    f"{name} got {told} DMs for {title(day.on)}; their day "
                    f"{'changed' if changed else 'did not change'}",
                    old,
                    sheet,
                )
            if old is None or sheet != old:
                self.revisions[index] = self.revisions.get(index, 0) + 1
            self.published[index] = sheet

    # -- rules -----------------------------------------------------------------------------------
    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(index=days_, general=st.sampled_from(week.GENERAL), lunch=st.sampled_from(week.LUNCH))
    def edit_calls(self, index: int, general: str, lunch: str) -> None:
        """Move the general call and lunch."""
        index = self._pick_open(index)
        self.days[index].general, self.days[index].lunch = general, lunch
        self._save(index)

    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(
        index=days_,
        department=st.sampled_from(week.DEPARTMENTS),
        minutes=st.sampled_from(week.OFFSETS),
    )
    def edit_offset(self, index: int, department: str, minutes: int) -> None:
        """Call a department earlier or later than general call."""
        index = self._pick_open(index)
        self.days[index].offsets[department] = minutes
        self._save(index)

    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(
        index=days_,
        who=st.sampled_from([n for n, _, _ in CREW] + list(CAST)),
        what=st.sampled_from(("call", "pickup", "hmu")),
        typed=st.sampled_from(week.PERSONAL),
    )
    def edit_own(self, index: int, who: str, what: str, typed: str) -> None:
        """A person's own call, or a cast member's pickup or hair & make-up."""
        index = self._pick_open(index)
        own = self.days[index].own.setdefault(who, Own())
        if what != "call" and who not in CAST:
            what = "call"
        setattr(own, what, typed)
        if own.call is None:
            own.call = typed  # an individual line always has a call
        self._save(index)

    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(
        index=days_,
        address=st.sampled_from(week.ADDRESSES),
        parking=st.sampled_from(week.PARKINGS),
    )
    def edit_place(self, index: int, address: str, parking: str) -> None:
        """Change the address and parking of a day's location (shared with any other day)."""
        index = self._pick_open(index)
        self.places[self.days[index].place] = (address, parking)
        self._save(index)

    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(index=days_, place=st.sampled_from(list(week.LOCATIONS)))
    def move_day(self, index: int, place: str) -> None:
        """Move a day to the shared location or another."""
        index = self._pick_open(index)
        self.days[index].place = place
        self._save(index)

    @precondition(lambda self: any(self._open(i) for i in range(len(self.days))))
    @rule(index=days_)
    def publish(self, index: int) -> None:
        """/callsheet publish <day>."""
        index = self._pick_open(index)
        self._publish(index, "/callsheet", f"publish {self.days[index].on:%-m/%-d}")

    @precondition(
        lambda self: any(self._open(i) and i in self.published for i in range(len(self.days)))
    )
    @rule(index=days_, lunch=st.sampled_from(week.LUNCH))
    def schedule_change(self, index: int, lunch: str) -> None:
        """/schedulechange <day> lunch …: changes the day, sends the revision. (The general
        call stays: a moved call keeps people's own calls where they were, while the model
        re-reads each typed time against the new call as the editor does.)"""
        index = self._pick_open(index, published=True)
        day, before = self.days[index], self.days[index].lunch
        if before == lunch:
            return  # "lunch 12:30p" on a day at 12:30p changes nothing: nothing to publish
        day.lunch = lunch
        sheet = day.sheet(self.places, self.departments)
        call, meal = sheet.general.astimezone(UTC), sheet.lunch.astimezone(UTC)  # real hours
        if not call <= meal <= call + timedelta(hours=18):
            day.lunch = before  # a lunch 18 h after call is a typo: refused, nothing changes
            text = f"{day.on:%-m/%-d} lunch {lunch}"
            reply = self.running.slack.command(self.coordinator, "/schedulechange", text)
            assert "must come after the general crew call" in reply.json()["text"], reply.text
            return
        self._publish(index, "/schedulechange", f"{self.days[index].on:%-m/%-d} lunch {lunch}")

    @precondition(lambda self: bool(self.published))
    @rule(index=days_, who=st.sampled_from([n for n, _, _ in CREW] + list(CAST)))
    def confirm(self, index: int, who: str) -> None:
        """A person presses Confirm on their latest DM for a published day."""
        index = sorted(self.published)[index % len(self.published)]
        dm = self._latest_dm(who, index)
        if dm is not None and "callsheet_confirm" in str(dm.blocks):
            self.running.slack.click(self.users[who], "callsheet_confirm", message=dm)
            self.running.deliver()

    @rule(hours=st.sampled_from((3, 9, 14, 26)))
    def move_clock(self, hours: int) -> None:
        """Time passes: across midnight, and across the DST change on Nov 1; whatever fell
        due runs (the nightly post among it)."""
        before = self._counts()
        self.running.clock.advance(hours=hours)
        self._account(before, self._tick(set()))

    def _pick_open(self, index: int, published: bool = False) -> int:
        open_days = [
            i
            for i in range(len(self.days))
            if self._open(i) and (not published or i in self.published)
        ]
        return open_days[index % len(open_days)]

    def _latest_dm(self, who: str, index: int):
        ws = self.running.emulator.workspace
        wanted = title(self.days[index].on)
        found = [m for m in _call_dms(ws, self.users[who], all_kinds=True) if wanted in m.text]
        return found[-1] if found else None

    # -- invariants --------------------------------------------------------------------------------
    @invariant()
    def each_dm_says_the_published_day(self) -> None:
        """Each working person's latest DM for a day shows that day as last published."""
        for index, sheet in self.published.items():
            for name, person in sheet.people.items():
                dm = self._latest_dm(name, index)
                assert dm is not None, (name, sheet.on)
                shown = blocks_text(dm.blocks)
                expected = [
                    f"*Your call*\n*{clock(person.call, sheet.on)}*",
                    f"*Location:* {sheet.place}\n{sheet.address}",
                    f"*Parking:* {sheet.parking}",
                ]
                if person.pickup:
                    expected.append(f"*Pickup*\n{clock(person.pickup, sheet.on)}")
                if person.hmu:
                    expected.append(f"*Hair & make-up*\n{clock(person.hmu, sheet.on)}")
                for text in expected:
                    assert _has(shown, text), (name, title(sheet.on), text, shown)

    @invariant()
    def calltime_says_the_published_day(self) -> None:
        """`/calltime <day>` as each working person agrees with the sheet as published."""
        for index, sheet in self.published.items():
            if not self._open(index):
                continue  # a past day is read as next year's
            for name, person in sheet.people.items():
                reply = self.running.slack.command(
                    self.users[name], "/calltime", f"{sheet.on:%-m/%-d}"
                ).json()
                assert (
                    reply["text"] == f"Your call {title(sheet.on)}: {clock(person.call, sheet.on)}"
                ), (
                    name,
                    reply["text"],
                )
                shown = blocks_text(reply["blocks"])
                for text in (
                    f"*Location:* {sheet.place}\n{sheet.address}",
                    f"*Parking:* {sheet.parking}",
                ):
                    assert _has(shown, text), (name, text, shown)
                for moment in (person.pickup, person.hmu):
                    if moment:
                        assert clock(moment, sheet.on) in shown, (name, moment, shown)

    @invariant()
    def each_stored_drawing_is_of_what_was_told(self) -> None:
        """/calltime serves each day as drawn when it changed: that drawing is always of what
        the person was last told (never missing, never of an older view)."""
        with self.running.db() as db:
            for record in db.scalars(select(Recipient).where(Recipient.working.is_(True))):
                assert record.view_blocks is not None, (record.person_id, record.date)
                fresh = day_blocks(PersonDay.from_json(record.told), CALL_LABEL)
                assert json.loads(record.view_blocks) == fresh, (record.person_id, record.date)

    @invariant()
    def the_days_counts_are_of_its_working_people(self) -> None:
        """A department's and the whole day's calls (counted at publish) count the people
        working the day as published, by department and call time."""
        with self.running.db() as db:
            stored = Counter(
                {
                    (c.shoot_day_id, c.department_id, c.call_at): c.people
                    for c in db.scalars(select(CallCount))
                }
            )
            working = Counter(
                (r.shoot_day_id, r.department_id, r.call_at)
                for r in db.scalars(select(Recipient).where(Recipient.working.is_(True)))
                if r.call_at is not None
            )
        assert stored == working

    @invariant()
    def home_shows_own_calls(self) -> None:
        """App Home lists each person's own call on the coming published days."""
        if not self.published:
            return
        upcoming = [i for i in range(len(self.days)) if self._open(i)][:3]
        ws = self.running.emulator.workspace
        for user in self.users.values():
            self.running.slack.open_home(user)
        self.running.deliver()
        for name, user in self.users.items():
            shown = blocks_text(ws.home[user.id]["blocks"])
            for index in upcoming:
                sheet = self.published.get(index)
                if sheet is None:
                    continue
                person = sheet.people.get(name)
                line = f"{title(sheet.on)} — " + (
                    f"call {clock(person.call)}" if person else "you're off"
                )
                if person:
                    line += f" — {sheet.place}"
                assert _has(shown, line), (name, line, shown)

    @invariant()
    def calendar_feed_has_each_call(self) -> None:
        """Each person's calendar feed holds one event per published day they work."""
        if not self.published:
            return
        for name in self.users:
            got = self.world.phone(list(self.users).index(name)).get(
                f"{self.running.url}/ical/{self.tokens[name]}.ics"
            )
            assert got.status_code == 200, got.text
            events = sorted(
                (
                    e.decoded("dtstart").astimezone(UTC),
                    str(e.get("location")),
                    str(e.get("description")),
                )
                for e in Calendar.from_ical(got.content).walk("VEVENT")
            )
            want = sorted(
                (
                    s.people[name].call.astimezone(UTC),
                    f"{s.place}, {s.address}",
                    f"Parking: {s.parking}",
                )
                for s in self.published.values()
                if name in s.people
            )
            assert [(a, b) for a, b, _ in events] == [(a, b) for a, b, _ in want], (name, events)
            for (_, _, said), (_, _, parking) in zip(events, want, strict=True):
                assert parking in said, (name, said, parking)

    @invariant()
    def channel_post_and_pdf_say_the_published_day(self) -> None:
        """The crew channel's sheet and its latest PDF show the day as published."""
        ws = self.running.emulator.workspace
        for index, sheet in self.published.items():
            t = functools.partial(_on, sheet.on)
            expected = [t(sheet.general), t(sheet.lunch), sheet.place, sheet.address, sheet.parking]
            expected += [f"{d} {t(at)}" for d, at in sorted(sheet.departments.items())]
            (post,) = [
                m
                for m in ws.channel_messages(self.crew_channel)
                if m.text.startswith("Call sheet:") and title(sheet.on) in m.text
            ]
            shown = blocks_text(post.blocks)
            assert f"*General crew call*\n{t(sheet.general)}" in shown, shown
            assert f"*Lunch*\n{t(sheet.lunch)}" in shown, shown
            for text in expected:
                assert _has(shown, text), (title(sheet.on), text, shown)
            if PDFTOTEXT is None:
                continue
            name = f"callsheet-{sheet.on}-rev{self.revisions[index]}.pdf"
            files = [
                f
                for m in ws.channel_messages(self.crew_channel, threads=True)
                for f in m.files
                if f["name"] == name
            ]
            assert files, (name, "no such PDF in the channel")
            if files[-1]["id"] not in self.pdf_cache:
                self.pdf_cache[files[-1]["id"]] = pdf_text(
                    file_bytes(self.running, files[-1]["id"])
                )
            text = " ".join(self.pdf_cache[files[-1]["id"]].split())
            for expect in expected:
                assert " ".join(expect.split()) in text, (name, expect, text)


def _on(on, moment) -> str:
    return clock(moment, on)


def _has(shown: str, text: str) -> bool:
    """Whether Slate's (escaped) text shows `text`."""
    return text in shown or text.replace("&", "&amp;") in shown


def _progress(running: harness.Running, coordinator: User):
    """The coordinator's latest publish progress DM, if a publish was queued."""
    try:
        return progress(running, coordinator)
    except IndexError:
        return None


def _call_dms(ws, user: User, all_kinds: bool = False):
    """Call sheet DMs posted to `user`: new ones, or (all_kinds) also edited ones."""
    prefixes = DM_PREFIXES if all_kinds else ("Your call", "REVISED")
    return [
        m
        for m in ws.dm_messages(user.id)
        if m.text.startswith(prefixes)
        or (m.history and str(m.history[0].get("text", "")).startswith(prefixes))
    ]


@pytest.fixture
def world(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[World]:
    """The shared emulator, database and server, reset by each example."""
    if PDFTOTEXT is None:  # say so: the PDF half of one invariant is not checked
        warnings.warn("pdftotext (poppler-utils) is missing: PDF checks skipped", stacklevel=2)
    world = World(emulator, engine, _shared_server)
    yield world
    world.close()


def test_a_week_of_call_sheets_agrees_everywhere(world: World) -> None:
    """Whatever the coordinator edits and publishes, every surface says the same day."""
    WeekMachine.world = world
    kind = world.engine.dialect.name
    run_state_machine_as_test(
        WeekMachine,
        settings=settings(
            max_examples=int(os.environ.get("SLATE_MODEL_EXAMPLES", EXAMPLES[kind])),
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
