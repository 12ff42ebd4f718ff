"""Building a modal's state.values from plain answers, by the type of each input element."""

from __future__ import annotations

from typing import Any


def _option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in element.get("options") or []:
        if option.get("value") == value:
            return option
    for group in element.get("option_groups") or []:
        for option in group.get("options") or []:
            if option.get("value") == value:
                return option
    raise KeyError(f"{value!r} is not an option of {element.get('action_id')!r}")


def _picked(element: dict[str, Any], answer: Any) -> dict[str, Any] | None:
    if answer is None or isinstance(answer, dict):
        return answer
    initial = element.get("initial_option") or {}
    if initial.get("value") != str(answer):
        raise KeyError(f"type into {element.get('action_id')!r} and pick one of its suggestions")
    return initial


def element_state(element: dict[str, Any], answer: Any) -> dict[str, Any]:
    """What Slack puts in state.values for `element` holding `answer`."""
    kind = element["type"]
    state: dict[str, Any] = {"type": kind}
    if kind in ("plain_text_input", "number_input", "email_text_input", "url_text_input"):
        state["value"] = None if answer is None else str(answer)
    elif kind in ("static_select", "radio_buttons"):
        state["selected_option"] = None if answer is None else _option(element, str(answer))
    elif kind == "external_select":
        # An option the app offered (SlackSide.suggest), or the value of its initial option.
        state["selected_option"] = _picked(element, answer)
    elif kind in ("multi_static_select", "checkboxes"):
        state["selected_options"] = [_option(element, str(a)) for a in answer or []]
    elif kind == "users_select":
        state["selected_user"] = answer
    elif kind == "multi_users_select":
        state["selected_users"] = list(answer or [])
    elif kind in ("multi_conversations_select", "multi_channels_select"):
        key = "selected_conversations" if "conversations" in kind else "selected_channels"
        state[key] = list(answer or [])
    elif kind in ("conversations_select", "channels_select"):
        key = "selected_conversation" if kind == "conversations_select" else "selected_channel"
        state[key] = answer
    elif kind == "datepicker":
        state["selected_date"] = answer
    elif kind == "timepicker":
        state["selected_time"] = answer
    elif kind == "file_input":
        state["files"] = list(answer or [])
    else:
        raise ValueError(f"the emulator cannot fill a {kind}")
    return state


def _initial(element: dict[str, Any]) -> Any:
    for key in (
        "initial_value",
        "initial_user",
        "initial_conversation",
        "initial_channel",
        "initial_date",
        "initial_time",
        "initial_users",
    ):
        if key in element:
            return element[key]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return None


def fill_view(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """state.values for `view`, given answers keyed by action_id; unanswered inputs are empty."""
    values: dict[str, Any] = {}
    unknown = set(answers)
    for block in view.get("blocks") or []:
        element = block.get("element")
        if block.get("type") != "input" or not element:
            continue
        action_id = element["action_id"]
        unknown.discard(action_id)
        answer = answers[action_id] if action_id in answers else _initial(element)
        values[block["block_id"]] = {action_id: element_state(element, answer)}
    if unknown:
        raise KeyError(f"the view has no inputs {sorted(unknown)}")
    return values
