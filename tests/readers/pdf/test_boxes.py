"""The boxes above the tables and the notes below them (tui/readers/pdf/boxes.py, notes.py)."""

from __future__ import annotations

from tests.readers.pdf.synthetic import Page
from tui.readers.pdf.boxes import (
    Link,
    checked,
    cik_of,
    links_from_annots,
    read_issuer,
    read_owner_block,
    read_relationship,
)
from tui.readers.pdf.labels import Labels
from tui.readers.pdf.notes import read_notes, read_signatures
from tui.readers.pdf.words import GREEN


def _owner_box(p: Page, street_tops: list[float]) -> None:
    p.label("1. Name and Address of Reporting Person", 10, 100)
    p.phrase("Roe Jane", 12, 112)
    p.label("(Last) (First) (Middle)", 12, 130)  # bottom 138
    for i, top in enumerate(street_tops):
        p.phrase(f"{100 * (i + 1)} MAIN STREET", 12, top)
    p.label("(Street)", 12, 170)
    p.phrase("SAN", 12, 185)
    p.phrase("CA", 80, 185)
    p.phrase("94105", 120, 185)
    p.label("(City) (State) (Zip)", 12, 200)


def _read_owner(p: Page):
    labels = Labels(p.words)
    box1 = labels.find("1. Name and Address")
    assert box1 is not None
    return read_owner_block(p.words, labels, [], 8, 200, box1.bottom, 300)


def test_owner_box_name_two_street_lines_and_the_place() -> None:
    p = Page()
    _owner_box(p, [140, 153])  # two table rows: a gap wider than a wrapped line's
    owner = _read_owner(p)
    assert owner is not None
    assert (owner.name, owner.street1, owner.street2) == ("Roe Jane", "100 MAIN STREET", "200 MAIN STREET")
    assert (owner.city, owner.state, owner.zip) == ("SAN", "CA", "94105")


def test_a_single_street_line_is_the_first_unless_it_sits_lower() -> None:
    p = Page()
    _owner_box(p, [140])  # right under "(Last)": street1
    owner = _read_owner(p)
    assert owner is not None and (owner.street1, owner.street2) == ("100 MAIN STREET", None)
    p = Page()
    _owner_box(p, [152])  # where the second line goes, under an empty first one: street2
    owner = _read_owner(p)
    assert owner is not None and (owner.street1, owner.street2) == (None, "100 MAIN STREET")


def test_an_owner_box_without_its_captions_is_not_read() -> None:
    p = Page()
    p.label("1. Name and Address of Reporting Person", 10, 100)
    p.phrase("Roe Jane", 12, 112)
    assert _read_owner(p) is None


def _relationship(p: Page, director: bool, officer: bool) -> None:
    p.label("5. Relationship of Reporting Person(s) to Issuer", 300, 100)
    if director:
        p.put("X", 300, 120)
    p.label("Director", 310, 120)
    p.label("10% Owner", 390, 120)
    if officer:
        p.put("X", 300, 132)
    p.label("Officer (give title below)", 310, 132)
    p.label("Other (specify below)", 390, 132)


def test_relationship_checks_by_row_and_column_and_the_officer_title() -> None:
    p = Page()
    _relationship(p, director=False, officer=True)
    p.phrase("Chief Executive Officer", 310, 150)
    labels = Labels(p.words)
    rel = read_relationship(p.words, labels, 298, 108, 170)
    assert rel is not None
    assert (rel.director, rel.officer, rel.ten_percent, rel.other) == (False, True, False, False)
    assert (rel.officer_title, rel.other_text) == ("Chief Executive Officer", None)
    p = Page()
    _relationship(p, director=True, officer=False)
    p.phrase("Member of group", 392, 150)
    rel = read_relationship(p.words, Labels(p.words), 298, 108, 170)
    assert rel is not None and (rel.director, rel.officer) == (True, False)
    assert (rel.officer_title, rel.other_text) == (None, "Member of group")


def test_a_check_box_is_an_x_left_of_its_label() -> None:
    p = Page()
    label = p.label("Check this box if no longer subject to Section 16.", 40, 50)[0]
    assert checked(p.words, label, 60) is False
    p.put("X", 30, 50)
    assert checked(p.words, label, 60) is True
    assert checked(p.words, None, 60) is None


def test_issuer_name_ticker_and_the_cik_from_the_link() -> None:
    p = Page()
    name = p.phrase("Snowflake Inc.", 200, 112)
    p.label("[", 260, 112)
    p.phrase("SNOW", 265, 112)
    p.label("]", 290, 112)
    link = links_from_annots(
        [
            {
                "uri": "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001640147",
                "x0": 199.0,
                "x1": 258.0,
                "top": 111.0,
                "bottom": 121.0,
            }
        ]
    )
    assert link == [Link(199.0, 258.0, 111.0, 121.0, "0001640147")]
    assert read_issuer(p.words, link, 195, 400, 105, 130) == ("Snowflake Inc.", "SNOW", "0001640147")
    assert cik_of(name, []) is None


def test_footnotes_remarks_and_the_no_securities_sentence() -> None:
    p = Page()
    explanation = p.label("Explanation of Responses:", 10, 500)[0]
    p.phrase("No securities are beneficially owned.", 10, 512, GREEN)
    p.phrase("1. The shares are held by a", 10, 524, GREEN)
    p.phrase("trust.", 10, 533, GREEN)
    p.phrase("2. Weighted average price.", 10, 545, GREEN)
    remarks = p.label("Remarks:", 10, 560)[0]
    p.phrase("Exhibit 24 - Power of Attorney", 10, 572, GREEN)
    notes, no_securities, text = read_notes(p.words, explanation, remarks, 600)
    assert notes == {"F1": "The shares are held by a trust.", "F2": "Weighted average price."}
    assert no_securities and text == "Exhibit 24 - Power of Attorney"


def test_signatures_name_and_date_per_row() -> None:
    p = Page()
    p.phrase("/s/ Jane Roe, Attorney-in-Fact", 10, 600)
    p.phrase("01/02/2024", 400, 600)
    caption = p.label("** Signature of Reporting Person", 10, 620)[0]
    date = p.label("Date", 400, 620)[0]
    signatures = read_signatures(p.words, 590, caption, date, True)
    assert [(s.name, s.date.text if s.date else None) for s in signatures] == [
        ("/s/ Jane Roe, Attorney-in-Fact", "2024-01-02")
    ]
