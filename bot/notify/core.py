"""Notify for core: the Home tab, help and call answers by DM, setup confirmations."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets.calltime import answer_blocks, answer_text
from bot.blocks.escape import escape
from bot.blocks.help import chosen, help_blocks, help_text
from bot.blocks.home import home_view
from bot.events import Answered
from bot.notify.registry import Subscribers
from bot.services.callsheets import calltime, shoot_days
from bot.services.core import home
from bot.services.core.events import (
    CallAsked,
    HelpAsked,
    HomeOpened,
    ProductionChosen,
    ProductionSaved,
)
from bot.services.core.home import HomeView
from bot.store.models import Production


def answer(session: Session, event: Answered) -> None:
    """Deliver an answer to one person: ephemeral where they clicked, else by DM."""
    blocks = list(event.blocks) or None
    outbox.tell(session, event.user, event.channel, text=event.text, blocks=blocks, now=event.at)


def publish_home(session: Session, opened: HomeOpened) -> None:
    """Publish the person's Home tab as it is now."""
    production, person = home.where(session, opened.team_id, opened.user_id)
    summary = None
    if production is not None:
        summary = home.summary(session, production, person, opened.at)
        if person is not None:
            call = calltime.answer(session, production, opened.user_id, "", opened.at)
            summary.next_call = answer_text(call)
    view = HomeView(home.help_view(production, person), summary)
    outbox.publish_home(session, opened.user_id, home_view(view), now=opened.at)


def answer_help(session: Session, asked: HelpAsked) -> None:
    """Reply with the help this person is offered."""
    view = home.help_view(*home.where(session, asked.team_id, asked.user_id))
    outbox.post_message(
        session, asked.channel_id, text=help_text(view), blocks=help_blocks(view), now=asked.at
    )


def answer_call(session: Session, asked: CallAsked) -> None:
    """Reply with the person's next call."""
    production = session.get(Production, asked.production_id)
    if production is None:
        return
    answer = calltime.answer(session, production, asked.user_id, asked.day, asked.at)
    outbox.post_message(
        session,
        asked.channel_id,
        text=answer_text(answer),
        blocks=answer_blocks(answer),
        now=asked.at,
    )


def confirm_saved(session: Session, saved: ProductionSaved) -> None:
    """Tell the coordinator the production is saved and what to do next."""
    production = session.get(Production, saved.production_id)
    if production is not None:
        text = f"Saved {escape(production.name)}. Next: import your crew list."
        outbox.post_message(session, saved.actor, text=text, now=saved.at)


def reschedule_autopublish(session: Session, saved: ProductionSaved) -> None:
    """A new publish time moves the nightly call sheet post (call sheets react to setup)."""
    production = session.get(Production, saved.production_id)
    if production is not None:
        shoot_days.reschedule_autopublish(session, production)


def confirm_chosen(session: Session, picked: ProductionChosen) -> None:
    """Tell the person which production Slate will now use for them."""
    production = session.get(Production, picked.production_id)
    if production is not None:
        outbox.tell(
            session,
            picked.user_id,
            picked.channel_id,
            text=f"Now using {escape(production.name)}.",
            blocks=chosen(production.name),
            now=picked.at,
        )


SUBSCRIBERS: Subscribers = {
    HomeOpened: publish_home,
    HelpAsked: answer_help,
    CallAsked: answer_call,
    ProductionSaved: (reschedule_autopublish, confirm_saved),
    ProductionChosen: confirm_chosen,
    Answered: answer,
}
