"""The virtualized filing list on its own: 100k filings, only the visible ones are ever looked at."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from textual.app import App, ComposeResult

from tests.explorer.helpers import screen_text
from tui.explorer.widgets.filing_list import LINES_PER_FILING, FilingList
from tui.store import FilingSummary

COUNT = 100_000


class CountingSummaries(Mapping[str, FilingSummary]):
    """id -> summary made on demand, counting the lookups (a list that renders every row would make 100k)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.lookups = 0

    def __getitem__(self, key: str) -> FilingSummary:
        self.lookups += 1
        number = int(key, 16)
        if not 0 <= number < self.count:
            raise KeyError(key)
        return FilingSummary(
            id=key, form="4", date=f"2020-01-{1 + number % 28:02d}", period=None, filed=None, accession=None,
            ticker=f"T{number}", issuer=f"Issuer {number}", issuer_cik=None, owners=(f"OWNER {number}",),
            codes=("S",), rows=1, source_format="xml",
        )  # fmt: skip

    def __iter__(self) -> Iterator[str]:
        return (f"{i:016x}" for i in range(self.count))

    def __len__(self) -> int:
        return self.count


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FilingList()


async def test_only_visible_filings_are_rendered() -> None:
    summaries = CountingSummaries(COUNT)
    ids = [f"{i:016x}" for i in range(COUNT)]
    app = ListApp()
    async with app.run_test(size=(60, 30)) as pilot:
        filing_list = app.query_one(FilingList)
        filing_list.set_items(ids, summaries, reviewed={ids[1]})
        filing_list.focus()
        await pilot.pause()
        assert filing_list.virtual_size.height == COUNT * LINES_PER_FILING
        screen = screen_text(app)
        assert "Issuer 0" in screen and "OWNER 0" in screen
        assert "✓ 2020-01-02" in screen  # the reviewed mark of the second filing
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.press("end")
        await pilot.pause()
        assert filing_list.highlighted == ids[-1]
        assert f"OWNER {COUNT - 1}" in screen_text(app)
        # 22 screens of ~15 filings, two lines each, a few redraws each: far below one lookup per filing
        assert summaries.lookups < 5_000, summaries.lookups
        await pilot.press("home")
        assert filing_list.cursor == 0


async def test_highlight_messages_and_an_empty_list() -> None:
    seen: list[str | None] = []

    class Recorder(ListApp):
        def on_filing_list_highlighted(self, event: FilingList.Highlighted) -> None:
            seen.append(event.filing_id)

    app = Recorder()
    async with app.run_test(size=(60, 20)) as pilot:
        filing_list = app.query_one(FilingList)
        filing_list.empty_text = "Nothing here."
        filing_list.set_items([], {}, reviewed=set())
        await pilot.pause()
        assert "Nothing here." in screen_text(app)
        summaries = CountingSummaries(3)
        ids = [f"{i:016x}" for i in range(3)]
        filing_list.set_items(ids, summaries, reviewed=set())
        filing_list.focus()
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert seen[-3:] == [ids[0], ids[1], ids[2]]
        # rebuilt around the same filing: the cursor stays on it
        filing_list.set_items(list(reversed(ids)), summaries, reviewed=set())
        assert filing_list.highlighted == ids[2] and filing_list.cursor == 0
