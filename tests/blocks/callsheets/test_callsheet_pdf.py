"""The call sheet PDF: its layout against a golden image, a large day on many readable pages,
a person's own first page, and phones only where the switch allows."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from bot.blocks.callsheets import pdf
from bot.services.callsheets.person_day import PersonDay
from tests.blocks.callsheets import sheet_views
from tests.blocks.callsheets.pdf_pages import GOLDEN, pages_png, pages_text

# Mean grey-level difference (of 255) a page may drift by: room for a poppler upgrade's
# anti-aliasing, while one changed word (the weather: 0.1) already fails.
MEAN_TOLERANCE = 0.08


def test_the_sheet_looks_like_the_golden_image(tmp_path: Path) -> None:
    """Renders the fixed day (tests/blocks/callsheets/sheet_views.py: fixed dates, the core
    Helvetica drawn as DejaVu Sans by golden/fonts.conf) at 40 dpi, grey, and compares each
    page with golden/callsheet-N.png.

    After an intended layout change, regenerate the images and look at them before committing:
        SLATE_REGENERATE_GOLDEN=1 .venv/bin/pytest -p no:randomly -n0 \\
            tests/blocks/callsheets/test_callsheet_pdf.py -k golden
    """
    pages = pages_png(pdf.render(sheet_views.view()), tmp_path)
    if os.environ.get("SLATE_REGENERATE_GOLDEN"):
        for old in GOLDEN.glob("callsheet-*.png"):
            old.unlink()
        for number, page in enumerate(pages, start=1):
            shutil.copy(page, GOLDEN / f"callsheet-{number}.png")
    golden = sorted(GOLDEN.glob("callsheet-*.png"))
    assert len(pages) == len(golden) == 2
    for page, expected in zip(pages, golden, strict=True):
        got, want = Image.open(page).convert("L"), Image.open(expected).convert("L")
        assert got.size == want.size
        difference = ImageChops.difference(got, want)
        mean = ImageStat.Stat(difference).mean[0]
        assert mean <= MEAN_TOLERANCE, f"{expected.name} differs by {mean:.2f} on average"


def test_a_large_day_prints_every_row_whole_with_headings_on_each_page(tmp_path: Path) -> None:
    view = sheet_views.large()  # 60 scenes, 40 cast, 250 crew
    pages = pages_text(pdf.render(view), tmp_path)
    assert 5 <= len(pages) <= 14
    text = "\n".join(pages)
    for group in view.crew:
        for person in group.people:
            # The row's name and call share a line: no row is split across pages.
            rows = [line for line in text.splitlines() if re.search(rf"\b{person.name}\b", line)]
            assert len(rows) == 1, person.name
            assert person.phone in rows[0]
    crew_pages = [p for p in pages if "Crew Person" in p]
    assert len(crew_pages) >= 3
    assert all(re.search(r"Position\s+Name\s+Call\s+Phone", p) for p in crew_pages)
    scene_pages = [p for p in pages if re.search(r"(?m)^\s*\d+A?\s+(INT|EXT)\.", p)]
    assert all(re.search(r"Sc\.\s+Set\s+D/N\s+Pages\s+Cast", p) for p in scene_pages)
    assert "Total" in text and view.total_pages in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_long_typed_text_never_outgrows_a_page(tmp_path: Path) -> None:
    view = sheet_views.view()
    long = "coffee pot " * 300
    scenes = tuple(dataclasses.replace(s, requirements=long, set_name=long) for s in view.scenes)
    place = dataclasses.replace(view.location, address=long, basecamp=long)
    pages = pages_text(
        pdf.render(dataclasses.replace(view, scenes=scenes, location=place, notes=long)), tmp_path
    )
    assert "Standard notes" in pages[-1]


def test_a_persons_copy_leads_with_their_own_page(tmp_path: Path) -> None:
    view = sheet_views.view()
    ana = PersonDay(
        production=view.production,
        tz=view.tz,
        date=view.date,
        day_number=view.day_number,
        revision=view.revision,
        name="Actor Number2",
        role="cast",
        department=None,
        call_at=sheet_views.at(-20),
        pickup_at=sheet_views.at(-95),
        wardrobe_at=sheet_views.at(-40),
        scenes=("11", "13A"),
        remarks="Fitting at lunch",
    )
    pages = pages_text(pdf.render(view, ana), tmp_path)
    first = pages[0]
    assert "Actor Number2 - Fri Jun 12" in first
    assert re.search(r"YOUR CALL.*\n\s*6:10 AM", first)
    assert "4:55 AM" in first and "Fitting at lunch" in first  # pickup, remarks
    assert "INT. ROSA'S DINER - KITCHEN" in first and "13A" in first
    assert not re.search(r"(?m)^\s*12\s+EXT", first)  # a scene they are not in
    assert "CALL SHEET - Day 7 of 40" in pages[1]
    assert len(pages) == len(pages_text(pdf.render(view), tmp_path)) + 1


def test_with_phones_off_no_crew_phone_is_printed(tmp_path: Path) -> None:
    text = "\n".join(pages_text(pdf.render(sheet_views.view(phones=False)), tmp_path))
    crew_phones = re.findall(r"213-555-0\d{3}", text)
    # Only the key contacts' and the hospital's numbers remain.
    assert set(crew_phones) <= {
        "213-555-0100",
        "213-555-0101",
        "213-555-0102",
        "213-555-0103",
        "213-555-0199",
    }
    assert "213-555-0199" in text
    assert "Crew Person1 " in text


def test_the_same_day_renders_the_same_bytes() -> None:
    view = sheet_views.view()
    assert pdf.render(view) == pdf.render(view)
    later = dataclasses.replace(view, general_call=view.general_call + timedelta(minutes=15))
    assert pdf.render(later) != pdf.render(view)
