"""Helpers and fixtures for the explorer's Pilot tests: small stores, what the screen shows.

The fixtures live here, not in conftest.py (the core tests own that file); test modules import them."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.conftest import CORPUS, REPO, SEED
from tui.importer import import_paths
from tui.store import Store, open_store

SEED_DIR = SEED
SEED_XML = SEED_DIR / "source.xml"
__all__ = ["CORPUS", "REPO", "SEED_DIR", "SEED_XML"]


def build_store(path: Path, *sources: Path) -> Store:
    store = open_store(path)
    report = import_paths(store, [str(s) for s in sources])
    assert report.imported, report.failures
    return store


def screen_text(app: App[object]) -> str:
    """The characters on the active screen, one line per row (what a person sees, without colours).

    Reads the screen's compositor (Textual has no public "screen as text"); tests only."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def widget_text(widget: Widget) -> str:
    """All the lines a widget renders (also those scrolled out of its pane), whitespace collapsed."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join("".join(segment.text for segment in strip).split()) for strip in lines)


async def wait_for(pilot: Pilot[object], condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` is true (workers finish, messages are handled)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)
    await pilot.pause()


def filing_xml(
    *,
    owner: str = "DOE JANE",
    issuer: str = "Example Issuer Inc.",
    ticker: str = "EXMP",
    title: str = "Chief Executive Officer",
    footnote: str = "A footnote.",
    remarks: str = "",
    date: str = "2024-05-01",
    code: str = "P",
    shares: str = "100",
    price: str = "10.5",
    form: str = "4",
    original: str | None = None,
) -> str:
    """A small, valid Form 4 ownershipDocument; every text argument is XML-escaped (and nothing else)."""
    e = escape
    remarks_xml = f"<remarks>{e(remarks)}</remarks>" if remarks else ""
    return f"""<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0508</schemaVersion>
  <documentType>{e(form)}</documentType>
  <periodOfReport>{date}</periodOfReport>
  {f"<dateOfOriginalSubmission>{original}</dateOfOriginalSubmission>" if original else ""}
  <issuer>
    <issuerCik>0000000001</issuerCik>
    <issuerName>{e(issuer)}</issuerName>
    <issuerTradingSymbol>{e(ticker)}</issuerTradingSymbol>
  </issuer>
  <reportingOwner>
    <reportingOwnerId><rptOwnerCik>0000000002</rptOwnerCik><rptOwnerName>{e(owner)}</rptOwnerName></reportingOwnerId>
    <reportingOwnerAddress><rptOwnerCity>SPRINGFIELD</rptOwnerCity><rptOwnerState>IL</rptOwnerState></reportingOwnerAddress>
    <reportingOwnerRelationship>
      <isDirector>false</isDirector><isOfficer>true</isOfficer><isTenPercentOwner>false</isTenPercentOwner>
      <isOther>false</isOther><officerTitle>{e(title)}</officerTitle>
    </reportingOwnerRelationship>
  </reportingOwner>
  <aff10b5One>true</aff10b5One>
  <nonDerivativeTable>
    <nonDerivativeTransaction>
      <securityTitle><value>Common Stock</value></securityTitle>
      <transactionDate><value>{date}</value></transactionDate>
      <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>{code}</transactionCode>
        <equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
      <transactionAmounts>
        <transactionShares><value>{shares}</value></transactionShares>
        <transactionPricePerShare><value>{price}</value><footnoteId id="F1"/></transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>1100</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </nonDerivativeTransaction>
  </nonDerivativeTable>
  <footnotes><footnote id="F1">{e(footnote)}</footnote></footnotes>
  {remarks_xml}
  <ownerSignature><signatureName>{e(owner)}</signatureName><signatureDate>{date}</signatureDate></ownerSignature>
</ownershipDocument>
"""


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    """A store holding only the seed filing (CLRB, CARUSO JAMES V)."""
    if not SEED_XML.is_file():
        pytest.skip(f"the seed filing is not here ({SEED_XML}); it comes with the project's shared folder")
    db = tmp_path / "seed-store"
    build_store(db, SEED_XML).close()
    return db


@pytest.fixture(scope="session")
def _corpus_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not here ({CORPUS}); it comes with the project's shared folder")
    db = tmp_path_factory.mktemp("corpus") / "store"
    xml_files = sorted(CORPUS.glob("*/source.xml"))
    build_store(db, *xml_files).close()
    return db


@pytest.fixture
def corpus_db(_corpus_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy (review marks are per test) of a store with every corpus filing's XML."""
    db = tmp_path / "corpus-store"
    shutil.copytree(_corpus_db_template, db)
    return db
