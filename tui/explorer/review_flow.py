"""The main screen's review marks: `r` shows the ✓ at once and has the app write it in a worker; a
write that fails takes the mark back and says why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.explorer import messages as m

if TYPE_CHECKING:
    from tui.explorer.main_screen import MainScreen


def toggle_reviewed(main: MainScreen) -> None:
    """The ✓ shows at once; the app writes it in a worker and a failure takes it back."""
    filing_id = main.filing_list.highlighted
    if not main.store_is_ready or filing_id is None:
        return
    reviewed = filing_id not in main.marks.reviewed
    main.show_mark(filing_id, reviewed)
    main.explorer.save_review(filing_id, reviewed)
    if main.filters.unreviewed_only and reviewed:
        # the reviewed filing leaves the "to do" list; the cursor goes on to the next one
        filing_list = main.filing_list
        ids = [i for i in filing_list.ids if i != filing_id]
        keep = ids[min(filing_list.cursor, len(ids) - 1)] if ids else None
        filing_list.set_items(ids, filing_list.summaries, main.marks.reviewed, keep=keep)
        main.update_filter_line()


def not_saved(main: MainScreen, event: m.StateNotSaved) -> None:
    if event.reviewed is not None:
        # undo the optimistic ✓ (or its removal): the store still holds what it held
        main.show_mark(event.filing_id, not event.reviewed)
        main.notify(f"Review mark not saved: {event.reason}", severity="error", markup=False)
        if main.filters.unreviewed_only:
            main.refresh_list(keep=event.filing_id)
    else:
        main.notify(f"Note not saved: {event.reason}", severity="error", markup=False)
