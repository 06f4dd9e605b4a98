"""The explorer's commands in the command palette (ctrl+p): filters, notes, import, help.

Typing "ticker clrb" or "code p" offers the matching filters directly; "Filter: ticker…" asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui.codes import TRANSACTION_CODES
from tui.safe_text import inert_line

if TYPE_CHECKING:
    from tui.app import ExplorerApp

#: dynamic "Filter: ticker X" hits offered at most
MAX_TICKER_HITS = 30


class ExplorerCommands(Provider):
    @property
    def explorer(self) -> ExplorerApp:
        return cast("ExplorerApp", self.app)

    def _static(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.explorer
        return [
            ("Filter: ticker…", app.action_filter_ticker, "Show only one issuer's filings"),
            ("Filter: code…", app.action_filter_code, "Show only filings with a transaction code"),
            ("Filter: unreviewed only (toggle)", app.action_toggle_unreviewed, "Same as u"),
            ("Clear filters", app.action_clear_filters, "Ticker, code, unreviewed and name search"),
            ("Note: add or edit the filing's note…", app.action_edit_note, "Saved with the review state"),
            ("Review: mark reviewed / not reviewed", app.action_toggle_reviewed, "Same as r"),
            ("Import files or folders…", app.action_import, "Same as i"),
            ("Help: keys and transaction codes", app.action_help, "Same as ?"),
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
                yield Hit(score, _highlight(matcher, name), partial(self.explorer.set_code_filter, code), text=name)
        # "ticker clrb", "filter clrb" or just "clrb": tickers starting with the last word typed (a prefix
        # test first, so that thousands of tickers cost nothing)
        words = query.split()
        last = words[-1].upper() if words else ""
        browse = last in ("TICKER", "TICKER:")  # "ticker" alone: the first tickers, to browse
        if browse:
            last = ""
        if browse or (last and (len(words) > 1 or len(last) >= 2)):
            shown = 0
            for ticker in self.explorer.known_tickers():
                if not ticker.upper().startswith(last):
                    continue
                name = f"Filter: ticker {inert_line(ticker)[:24]}"
                score = max(matcher.match(name), 0.5 if ticker.upper() == last else 0.2)
                yield Hit(score, _highlight(matcher, name), partial(self.explorer.set_ticker_filter, ticker), text=name)
                shown += 1
                if shown >= MAX_TICKER_HITS:
                    break


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
