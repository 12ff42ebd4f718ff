"""Slack listeners, one module per feature, each with register(app), imported on first use.

Importing every feature (and the services and blocks behind it) took most of `slate serve`'s
start-up and a fifth of its memory, so a feature's module is imported, and its listeners
registered, on the first request that needs it: a slash command loads the one feature that
owns it, anything else (buttons, forms, events, menus) loads them all. Bolt runs the first
listener that matches, so the order of listeners stays the eager order within each kind:
command listeners only match their own command, and the rest are added in FEATURES order.
"""

from __future__ import annotations

import importlib
import threading
import weakref
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

FEATURES = (
    "slate",
    "home",
    "callsheet",
    "calltime",
    "problems",
    "problem_actions",
    "tasks",
    "broadcasts",
    "expenses",
    "wrap",
    "gear",
    "paperwork",
    "meals",
    "logistics",
    "transport",
    "rentals",
    "travel",
    "daily_report",
    "onboarding",
    "options",
    "booking",
)
# Which feature answers each slash command (tests/handlers/test_lazy.py checks it against the
# features' own register functions and the app manifest).
COMMANDS = {
    "/slate": "slate",
    "/callsheet": "callsheet",
    "/calltime": "calltime",
    "/problem": "problems",
    "/problems": "problems",
    "/assign": "tasks",
    "/tasks": "tasks",
    "/broadcast": "broadcasts",
    "/schedulechange": "broadcasts",
    "/expense": "expenses",
    "/budget": "expenses",
    "/pettycash": "expenses",
    "/wrap": "wrap",
    "/gear": "gear",
    "/documents": "paperwork",
    "/payroll": "paperwork",
    "/meal": "meals",
    "/catering": "logistics",
    "/transport": "transport",
    "/rental": "rentals",
    "/travel": "travel",
    "/onboarding": "onboarding",
    "/avail": "booking",
    "/holds": "booking",
    "/hold": "booking",
    "/book": "booking",
    "/bookings": "booking",
}

Registration = tuple[str, tuple[Any, ...], dict[str, Any], Callable[..., Any]]


class _Recorder:
    """Stands in for the App in a feature's register(): commands now, the rest kept for later."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.later: list[Registration] = []

    def __getattr__(self, kind: str) -> Callable[..., Callable[[Callable[..., Any]], Any]]:
        def listen(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
            def add(func: Callable[..., Any]) -> Any:
                if kind == "command":
                    return self.app.command(*args, **kwargs)(func)
                self.later.append((kind, args, kwargs, func))
                return func

            return add

        return listen


class LazyFeatures(Middleware):
    """Global middleware: before Bolt matches listeners, load the features this request needs."""

    def __init__(self, app: App) -> None:
        # Weakly: _LOADERS is keyed by the app, and a strong reference would keep every app
        # (a test builds hundreds) alive.
        self._app = weakref.ref(app)
        self.recorded: dict[str, list[Registration]] = {}  # feature -> its non-command listeners
        self.everything = False
        self.lock = threading.Lock()

    @property
    def app(self) -> App:
        """The app whose listeners these are."""
        app = self._app()
        assert app is not None, "the app is gone"
        return app

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        """Load the owning feature of a known command, else every feature; then go on."""
        if not self.everything:
            feature = COMMANDS.get(req.body.get("command", "")) if req.body else None
            if feature is None:
                self.load_all()
            elif feature not in self.recorded:
                self.load({feature})
        return next()

    def load(self, features: set[str]) -> None:
        """Import these features and register their commands (once each, whichever thread)."""
        with self.lock:
            for name in FEATURES:
                if name in features and name not in self.recorded:
                    recorder = _Recorder(self.app)
                    importlib.import_module(f"bot.handlers.{name}").register(recorder)
                    self.recorded[name] = recorder.later
            self._bind_matchers()

    def load_all(self) -> None:
        """Every feature's listeners, the non-command ones in FEATURES order."""
        self.load(set(FEATURES))
        with self.lock:
            if self.everything:
                return
            for name in FEATURES:
                for kind, args, kwargs, func in self.recorded[name]:
                    getattr(self.app, kind)(*args, **kwargs)(func)
            self._bind_matchers()
            self.everything = True

    def _bind_matchers(self) -> None:
        # SlateBolt reads matchers straight from the body; new listeners need the same.
        match_on_body = getattr(self.app, "match_on_body", None)
        if match_on_body is not None:
            match_on_body()


_LOADERS: weakref.WeakKeyDictionary[App, LazyFeatures] = weakref.WeakKeyDictionary()


def register(app: App) -> None:
    """Load every feature's listeners when a request first needs them."""
    _LOADERS[app] = LazyFeatures(app)
    app.use(_LOADERS[app])


def load_all(app: App) -> None:
    """Register every feature's listeners now (for code that lists them)."""
    _LOADERS[app].load_all()
