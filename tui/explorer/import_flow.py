"""The main screen's import: the dialog that asks for paths, and what is shown when an import ends
(the notification, the messages screen's entry, the list and the open filing read again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.explorer import messages as m
from tui.explorer.import_digest import import_message
from tui.explorer.screens.import_dialog import ImportDialog, split_paths

if TYPE_CHECKING:
    from tui.explorer.main_screen import MainScreen


def ask_import(main: MainScreen) -> None:
    def answered(answer: str | None) -> None:
        if paths := split_paths(answer or ""):
            main.start_import(paths, "Importing " + "; ".join(paths))

    main.app.push_screen(ImportDialog(), answered)


def import_finished(main: MainScreen, event: m.ImportFinished) -> None:
    main.import_progress.stop()
    report = event.report
    main.explorer.journal.add_import(report, event.roots)
    message = import_message(report, event.samples, event.roots)
    main.notify(message, severity="warning" if report.failures else "information", markup=False, timeout=12)
    main.details.forget()  # an import may have updated the filing on screen: show it again
    main.refresh_list(reload=True)
