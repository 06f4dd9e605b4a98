"""The explorer's commands in the command palette (ctrl+p): filters, notes, import, help.

Typing "ticker clrb" or "code p" offers the matching filters directly; "Filter: ticker…" asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Literal, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui.checks import KINDS
from tui.codes import TRANSACTION_CODES
from tui.explorer import across_actions
from tui.explorer.filter_commands import filter_commands
from tui.explorer.screens.note_dialog import NoteDialog
from tui.explorer.screens.prompt_dialog import PromptDialog
from tui.explorer.widgets.findings_pane import KIND_LABELS
from tui.safe_text import inert_line

if TYPE_CHECKING:
    from tui.explorer.app import ExplorerApp
    from tui.explorer.main_screen import MainScreen

#: dynamic "Filter: ticker X" hits offered at most
MAX_TICKER_HITS = 30


class ExplorerCommands(Provider):
    @property
    def main(self) -> MainScreen:
        """The main screen, also when the palette is opened over the help or a dialog."""
        return cast("ExplorerApp", self.app).main

    def _static(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        main = self.main
        return [
            ("Filter: ticker…", partial(ask_ticker, main), "Show only one issuer's filings"),
            ("Filter: code…", partial(ask_code, main), "Show only filings with a transaction code"),
            *filter_commands(main),  # the 10b5-1 box, form type, dates
            ("Filter: unreviewed only (toggle)", main.action_toggle_unreviewed, "Same as u"),
            *reviewed_by_commands(main),
            *finding_filters(main),
            ("Clear filters", main.action_clear_filters, "Every filter and the name search"),
            ("Note: add or edit the filing's note…", partial(edit_note, main), "Saved with the review state"),
            ("Review: mark reviewed / not reviewed", main.action_toggle_reviewed, "Same as r"),
            ("Import files or folders…", main.action_import, "Same as i"),
            ("Fetch from EDGAR: tickers, CIKs or a day…", cast("ExplorerApp", app).action_fetch, "Same as e"),
            (
                "Insider history: a name or CIK…",
                partial(across_actions.ask_insider, cast("ExplorerApp", app)),
                "Same as o on a filing",
            ),
            (
                "Issuer view: a ticker or CIK…",
                partial(across_actions.ask_issuer, cast("ExplorerApp", app)),
                "Same as I on a filing",
            ),
            ("Transaction screener", partial(across_actions.screener, cast("ExplorerApp", app)), "Same as T"),
            ("History: the filing's review history", cast("ExplorerApp", app).action_history, "Same as h"),
            ("Help: keys and transaction codes", cast("ExplorerApp", app).action_help, "Same as ?"),
        ]

    async def discover(self) -> Hits:
        for name, command, help_text in self._static():
            yield DiscoveryHit(Text(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._static():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), command, text=name, help=help_text)
        for code, (_group, meaning) in TRANSACTION_CODES.items():
            name = f"Filter: code {code} — {meaning}"
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), partial(self.main.set_code_filter, code), text=name)
        # "ticker clrb", "filter clrb" or just "clrb": tickers starting with the last word typed (a prefix
        # test first, so that thousands of tickers cost nothing)
        words = query.split()
        last = words[-1].upper() if words else ""
        browse = last in ("TICKER", "TICKER:")  # "ticker" alone: the first tickers, to browse
        if browse:
            last = ""
        if browse or (last and (len(words) > 1 or len(last) >= 2)):
            shown = 0
            for ticker in self.main.known_tickers():
                if not ticker.upper().startswith(last):
                    continue
                name = f"Filter: ticker {inert_line(ticker)[:24]}"
                score = max(matcher.match(name), 0.5 if ticker.upper() == last else 0.2)
                yield Hit(score, _highlight(matcher, name), partial(self.main.set_ticker_filter, ticker), text=name)
                shown += 1
                if shown >= MAX_TICKER_HITS:
                    break


def reviewed_by_commands(main: MainScreen) -> list[tuple[str, Callable[[], object], str]]:
    """The "reviewed by me / by others / by nobody" filters, and the one that clears them."""
    return [
        ("Filter: reviewed by me", partial(set_reviewed_by, main, "me"), "Filings whose mark is yours"),
        ("Filter: reviewed by others", partial(set_reviewed_by, main, "others"), "Marked by another reviewer"),
        ("Filter: reviewed by nobody", partial(set_reviewed_by, main, "nobody"), "Filings nobody has marked"),
        ("Filter: reviewed by anyone (clear)", partial(set_reviewed_by, main, None), "Clear the reviewed-by filter"),
    ]


def set_reviewed_by(main: MainScreen, who: Literal["me", "others", "nobody"] | None) -> None:
    main.filters.reviewed_by = who
    main.refresh_list()


def finding_filters(main: MainScreen) -> list[tuple[str, Callable[[], object], str]]:
    """ "Filter: has findings" and one filter per kind of finding; each again: off."""
    on = main.filters.has_findings
    commands: list[tuple[str, Callable[[], object], str]] = [
        ("Filter: has findings (toggle)", partial(main.set_findings_filter, has=not on), "Filings the checks flag ⚠"),
    ]
    for kind in KINDS:
        again = main.filters.finding_kind == kind
        command = partial(main.set_findings_filter, kind=None if again else kind)
        commands.append((f"Filter: findings — {KIND_LABELS[kind]} (toggle)", command, f"Findings of kind {kind}"))
    return commands


def ask_ticker(main: MainScreen) -> None:
    hint = "Show only this issuer's filings (empty: any ticker)."
    value = main.filters.ticker or ""
    dialog = PromptDialog(
        "Filter: ticker", hint, value=value, placeholder="e.g. CLRB", suggestions=main.known_tickers()
    )
    main.app.push_screen(dialog, lambda answer: None if answer is None else main.set_ticker_filter(answer))


def ask_code(main: MainScreen) -> None:
    hint = "Show only filings with this code: " + " ".join(TRANSACTION_CODES) + " (empty: any code)."
    value = main.filters.code or ""
    codes = list(TRANSACTION_CODES)
    dialog = PromptDialog("Filter: transaction code", hint, value=value, placeholder="e.g. P", suggestions=codes)
    main.app.push_screen(dialog, lambda answer: None if answer is None else main.set_code_filter(answer))


def edit_note(main: MainScreen) -> None:
    """Add or edit the highlighted filing's note (saved by the app, in a worker)."""
    filing_id = main.filing_list.highlighted
    if not main.store_is_ready or filing_id is None:
        main.notify("No filing is highlighted.", severity="warning")
        return
    summary = main.filing_list.summaries.get(filing_id)
    label = filing_id
    if summary is not None:
        label = f"{summary.ticker or summary.issuer or filing_id} {summary.date} ({'; '.join(summary.owners)})"

    def save(note: str | None) -> None:
        if note is not None:
            main.explorer.save_note(filing_id, note.strip() or None)

    main.app.push_screen(NoteDialog(label, main.marks.note(filing_id)), save)


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """Like `Matcher.highlight`, but the candidate is plain text: `Matcher.highlight` reads it as
    markup, and a ticker or name from a filing must never be markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
