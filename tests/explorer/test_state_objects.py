"""The explorer's plain state objects, without a screen: the footnote navigation, the filters and the
details loader (debounce and LRU)."""

from __future__ import annotations

from typing import cast

import pytest

from tui.explorer.details import DetailsLoader, Load, Nothing, Show, Wait, When
from tui.explorer.filters import Filters, UnknownCode
from tui.explorer.navigation import FootnoteNavigation
from tui.model import Filing
from tui.store import ListFilter, ReviewState, StoredFiling


# ---------------------------------------------------------------------- footnote navigation
def test_f_then_b_goes_back_to_the_cell_and_b_again_to_the_footnote() -> None:
    nav = FootnoteNavigation()
    nav.from_cell(("table2", (0, 1)))
    assert nav.select("F1") == (True, True)  # selected, and n appears
    assert nav.can_back(in_footnotes=True, in_table=False)
    assert not nav.can_back(in_footnotes=False, in_table=True)
    assert nav.back_from_footnotes() == ("table2", (0, 1))
    assert nav.can_back(in_footnotes=False, in_table=True)
    assert nav.back_from_table(("table2", (0, 1))) == "F1"
    assert nav.back_from_footnotes() == ("table2", (0, 1))  # and round again


def test_n_visits_every_citing_cell_in_turn_and_wraps() -> None:
    nav = FootnoteNavigation()
    nav.select("F2")
    assert [nav.next_citation(3, first=i == 0) for i in range(5)] == [0, 1, 2, 0, 1]
    assert nav.next_citation(3, first=True) == 0
    assert nav.return_footnote == "F2" and nav.return_cell is None
    with pytest.raises(ValueError):
        nav.next_citation(0, first=True)


def test_selecting_the_same_footnote_changes_nothing_and_another_restarts_the_citations() -> None:
    nav = FootnoteNavigation()
    nav.select("F1")
    nav.next_citation(4, first=True)
    nav.next_citation(4, first=False)
    assert nav.select("F1") == (False, False)
    assert nav.citation_index == 1
    assert nav.select("F3") == (True, False)  # n was there and stays
    assert nav.citation_index == -1
    assert nav.select(None) == (True, True)  # n goes


def test_reset_says_whether_the_footer_must_change() -> None:
    nav = FootnoteNavigation()
    assert nav.reset() is False
    nav.from_cell(("table1", (2, 3)))
    assert nav.reset() is True
    assert nav.back_from_footnotes() is None and nav.back_from_table(("table1", (0, 0))) is None


# ---------------------------------------------------------------------- filters
def test_filters_give_the_store_filter_and_the_line() -> None:
    filters = Filters()
    assert filters.list_filter() == ListFilter()
    assert filters.line(120, 120).plain == "120 filings"
    filters.name = "  rabois "
    filters.set_ticker(" afrm ")
    filters.set_code("s")
    filters.unreviewed_only = True
    assert filters.list_filter() == ListFilter(ticker="AFRM", code="S", name="rabois")
    assert filters.line(3, 120).plain == "3 of 120 filings · name rabois · unreviewed · ticker AFRM · code S"
    assert filters.line(1, 1).plain.startswith("1 filing ·")
    filters.clear()
    assert filters.active() == [] and filters.list_filter() == ListFilter()


def test_an_unknown_code_is_refused_and_changes_nothing() -> None:
    filters = Filters()
    filters.set_code("P")
    with pytest.raises(UnknownCode, match="'Q'"):
        filters.set_code("q")
    assert filters.code == "P"
    filters.set_code("")
    assert filters.code is None


def test_unreviewed_only_hides_the_marked_filings() -> None:
    filters = Filters()
    assert filters.visible(["a", "b", "c"], {"b"}) == ["a", "b", "c"]
    filters.unreviewed_only = True
    assert filters.visible(["a", "b", "c"], {"b"}) == ["a", "c"]


# ---------------------------------------------------------------------- details loader
class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def stored(filing_id: str) -> StoredFiling:
    """A stored filing as the loader sees it (it never looks inside the filing)."""
    return StoredFiling(id=filing_id, filing=cast(Filing, object()), sources=(), state=ReviewState())


def test_a_single_move_shows_at_once_and_a_racing_cursor_waits() -> None:
    clock = Clock()
    loader = DetailsLoader(interval=0.08, clock=clock)
    assert loader.highlighted("a") is When.NOW
    clock.now += 0.01
    assert loader.highlighted("b") is When.LATER  # racing
    clock.now += 0.5
    assert loader.highlighted("c") is When.NOW  # rested


def test_one_load_at_a_time_and_the_newest_wanted_is_loaded_next() -> None:
    loader = DetailsLoader(clock=Clock())
    loader.highlighted("a")
    assert loader.next_step() == Load("a")
    loader.highlighted("b")
    assert loader.next_step() == Wait()
    assert loader.loaded("a", stored("a")) is False  # the cursor moved on
    assert loader.next_step() == Load("b")
    assert loader.loaded("b", stored("b")) is True
    loader.highlighted("a")
    step = loader.next_step()
    assert isinstance(step, Show) and step.stored.id == "a"  # from the cache
    loader.highlighted(None)
    assert loader.next_step() == Nothing()


def test_the_filing_shown_is_not_shown_again_when_the_list_is_rebuilt_around_it() -> None:
    clock = Clock()
    loader = DetailsLoader(clock=clock)
    loader.highlighted("a")
    loader.next_step()
    loader.loaded("a", stored("a"))
    loader.shown = "a"
    assert loader.highlighted("a") is When.SKIP
    loader.forget()  # an import: everything is loaded again
    clock.now += 1
    assert loader.highlighted("a") is When.NOW and loader.next_step() == Load("a")


def test_the_cache_keeps_the_most_recently_used() -> None:
    loader = DetailsLoader(size=2, clock=Clock())
    for filing_id in ("a", "b"):
        loader.highlighted(filing_id)
        loader.next_step()
        loader.loaded(filing_id, stored(filing_id))
    loader.highlighted("a")
    assert isinstance(loader.next_step(), Show)  # a is now the most recent
    loader.highlighted("c")
    loader.next_step()
    loader.loaded("c", stored("c"))
    assert loader.cached("a") is not None and loader.cached("b") is None and loader.cached("c") is not None


def test_idle_after_the_cursor_rests() -> None:
    clock = Clock()
    loader = DetailsLoader(clock=clock)
    loader.highlighted("a")
    assert not loader.idle_for(10)
    clock.now += 11
    assert loader.idle_for(10)


# ---------------------------------------------------------------------- help from the bindings
def test_the_help_names_every_key_bound_with_its_help_text() -> None:
    """The help is built from the bindings: a key added anywhere shows up in it with its tooltip."""
    from textual.binding import Binding

    from tui.explorer.app import ExplorerApp
    from tui.explorer.keys import help_sections, key_name
    from tui.explorer.main_screen import MainScreen
    from tui.explorer.screens.help import HelpScreen
    from tui.explorer.widgets.cell_grid import CellGrid
    from tui.explorer.widgets.filing_list import FilingList
    from tui.explorer.widgets.footnotes_pane import FootnoteList
    from tui.explorer.widgets.search_box import SearchBox
    from tui.explorer.widgets.transaction_table import TransactionTable

    sections = help_sections(ExplorerApp.BINDINGS)
    rows = [(keys.split(" / "), meaning) for _title, section in sections for keys, meaning in section]
    from tui.explorer.screens.diff_screen import DiffScreen
    from tui.explorer.screens.messages_screen import MessagesScreen
    from tui.explorer.widgets.findings_pane import FindingList

    owners = (ExplorerApp, MainScreen, FilingList, SearchBox, CellGrid, TransactionTable, FootnoteList, HelpScreen,
              MessagesScreen, FindingList, DiffScreen)  # fmt: skip
    for owner in owners:
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.tooltip, f"{owner.__name__}: {binding.key} has no help text"
            name = binding.key_display or key_name(binding.key)
            assert any(name in keys and meaning == binding.tooltip for keys, meaning in rows), (owner, binding)
