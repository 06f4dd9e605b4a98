"""How the explorer opens the across-filings views: from the filing shown (o: its owner, I: its issuer),
from the palette (a name, CIK or ticker asked for), and the screener (T)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.explorer.screens.insider_screen import InsiderScreen
from tui.explorer.screens.issuer_screen import IssuerScreen
from tui.explorer.screens.prompt_dialog import PromptDialog
from tui.explorer.screens.screener_screen import ScreenerScreen

if TYPE_CHECKING:
    from tui.explorer.app import ExplorerApp
    from tui.model import Filing


def _shown(app: ExplorerApp) -> Filing | None:
    fid = app.main.details.shown
    stored = app.main.details.cached(fid) if fid else None
    if stored is None:
        app.notify("No filing is shown.", severity="warning", markup=False)
    return stored.filing if stored is not None else None


def owner_query(cik: str | None, name: str | None) -> str:
    """What the insider view looks up: the CIK, else (none filed) the name."""
    return (cik or "").strip().lstrip("0") or (name or "")


def insider_view(app: ExplorerApp) -> None:
    filing = _shown(app)
    if filing is None or app.store is None:
        return
    owners = [o for o in filing.owners if o.cik or o.name]
    if len(owners) == 1:
        app.push_screen(InsiderScreen(app.store, owner_query(owners[0].cik, owners[0].name)))
        return
    choices = [f"{owner_query(o.cik, o.name)}" for o in owners]
    names = "; ".join(f"{o.name} (CIK {o.cik or 'none'})" for o in owners)
    ask_insider(app, f"This filing has {len(owners)} owners: {names}. Which one (CIK or name)?", choices)


def ask_insider(
    app: ExplorerApp, hint: str = "An insider's CIK (the SEC's identity) or name.", choices: Sequence[str] = ()
) -> None:
    store = app.store
    if store is None:
        return

    def answered(answer: str | None) -> None:
        if answer and answer.strip():
            app.push_screen(InsiderScreen(store, answer.strip()))

    value = choices[0] if choices else ""
    app.push_screen(PromptDialog("Insider history", hint, value=value, suggestions=list(choices)), answered)


def issuer_view(app: ExplorerApp) -> None:
    filing = _shown(app)
    if filing is None or app.store is None:
        return
    key = (filing.issuer.cik or "").strip().lstrip("0") or (filing.issuer.ticker or "")
    if not key:
        app.notify("The filing names no issuer CIK or ticker.", severity="warning", markup=False)
        return
    app.push_screen(IssuerScreen(app.store, key))


def ask_issuer(app: ExplorerApp) -> None:
    store = app.store
    if store is None:
        return

    def answered(answer: str | None) -> None:
        if answer and answer.strip():
            app.push_screen(IssuerScreen(store, answer.strip()))

    tickers = app.main.known_tickers()
    app.push_screen(PromptDialog("Issuer view", "A ticker or an issuer CIK.", suggestions=tickers), answered)


def screener(app: ExplorerApp) -> None:
    if app.store is not None:
        app.push_screen(ScreenerScreen(app.store))
