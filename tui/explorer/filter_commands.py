"""The palette's filters on the 10b5-1 box, the form type and a date range: each shows in the filter
line over the list while it is on, and "Clear filters" (or the same command again) takes it off."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from tui.explorer.filters import FORMS, BadFilter
from tui.explorer.screens.prompt_dialog import PromptDialog

if TYPE_CHECKING:
    from tui.explorer.main_screen import MainScreen

DATES_HINT = (
    "The list's date (filed, else signed, else period): 2024-01-01..2024-06-30, 2024-01-01.. (from then on) "
    "or ..2024-06-30 (until then). Empty: any date."
)


def filter_commands(main: MainScreen) -> list[tuple[str, Callable[[], object], str]]:
    """(name, command, help) for the palette, after the ticker and code filters."""
    return [
        ("Filter: 10b5-1 plan box checked (toggle)", partial(set_plan, main, True), "Trades under a Rule 10b5-1 plan"),
        ("Filter: 10b5-1 plan box not checked (toggle)", partial(set_plan, main, False), "The box empty or absent"),
        ("Filter: form type…", partial(ask_form, main), "Only Forms 3, 4, 5 or an amendment (4/A)"),
        ("Filter: dates…", partial(ask_dates, main), "A range of the list's dates"),
    ]


def set_plan(main: MainScreen, checked: bool) -> None:
    """Only filings whose 10b5-1 box is (not) checked; the same again: either."""
    main.filters.plan = None if main.filters.plan is checked else checked
    main.refresh_list()


def ask_form(main: MainScreen) -> None:
    hint = f"Show only filings of this form type: {', '.join(FORMS)} (empty: any form)."
    dialog = PromptDialog(
        "Filter: form type", hint, value=main.filters.form or "", placeholder="e.g. 4", suggestions=FORMS
    )
    main.app.push_screen(dialog, lambda answer: None if answer is None else _apply(main, main.filters.set_form, answer))


def ask_dates(main: MainScreen) -> None:
    flt = main.filters
    value = f"{flt.since or ''}..{flt.until or ''}" if flt.since or flt.until else ""
    dialog = PromptDialog("Filter: dates", DATES_HINT, value=value, placeholder="2024-01-01..2024-06-30")
    main.app.push_screen(dialog, lambda answer: None if answer is None else _apply(main, flt.set_dates, answer))


def _apply(main: MainScreen, setter: Callable[[str], None], answer: str) -> None:
    try:
        setter(answer)
    except BadFilter as exc:
        main.notify(str(exc), severity="warning", markup=False)
        return
    main.refresh_list()
