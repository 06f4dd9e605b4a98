"""The XML and full-submission readers against the corpus's ground truth, plus hostile and broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, needs_corpus, needs_seed, source_files
from tui.cli import main
from tui.interchange import filing_from_dict, filing_to_dict
from tui.readers import ReadError, read_bytes, read_file


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@needs_corpus
def test_corpus_has_every_source_kind() -> None:
    names = {p.name for p in source_files()}
    assert names == {"source.xml", "source.txt", "source.nc"}
    assert len({p.parent for p in source_files()}) == 121  # 120 corpus filings + the seed


@pytest.mark.parametrize("source", source_files(), ids=_id)
def test_parse_json_equals_expected(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`form4 parse --format json FILE` prints exactly the filing's expected.json, every field."""
    expected = json.loads((source.parent / "expected.json").read_text(encoding="utf-8"))
    assert main(["parse", "--format", "json", str(source)]) == 0
    assert json.loads(capsys.readouterr().out) == expected


@needs_corpus
def test_parse_several_files_prints_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = CORPUS / "0000002488-24-000005" / "source.txt", CORPUS / "apple-cook-2019-08-24" / "source.xml"
    assert main(["parse", "--format", "json", str(a), str(b)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["issuer"]["ticker"] for o in out] == ["AMD", "AAPL"]
    assert out[1]["owners"][0]["name"] == "COOK TIMOTHY D"


@needs_corpus
def test_submission_header_gives_accession_and_filing_date() -> None:
    filing = read_file(CORPUS / "0000320193-22-000061" / "source.txt")
    assert filing.accession_number == "0000320193-22-000061"
    assert filing.filed_date is not None and filing.filed_date.text == "2022-05-06"
    nc = read_file(CORPUS / "0001127602-25-004598" / "source.nc")
    assert nc.accession_number == "0001127602-25-004598"
    assert nc.filed_date is not None and nc.filed_date.text == "2025-02-13"


@needs_corpus
def test_same_filing_from_xml_and_submission_has_one_content_key() -> None:
    folder = CORPUS / "0000002488-24-000005"
    assert read_file(folder / "source.xml").content_key() == read_file(folder / "source.txt").content_key()


@needs_seed
def test_seed_values_and_footnote_references() -> None:
    filing = read_file(SEED / "source.xml")
    assert filing.issuer.ticker == "CLRB"
    assert filing.owners[0].name == "CARUSO JAMES V"
    option = filing.derivative[0]
    assert option.conversion_or_exercise_price is not None
    assert str(option.conversion_or_exercise_price.value) == "1.68"
    assert option.footnotes_of("transaction_date") == ("F1",)
    assert option.exercise_date is None and option.footnotes_of("exercise_date") == ("F2",)
    assert filing.non_derivative[0].shares is not None and filing.non_derivative[0].shares.value == 40596


@needs_corpus
@pytest.mark.parametrize("source", source_files()[:40], ids=_id)
def test_interchange_round_trip(source: Path) -> None:
    filing = read_file(source)
    assert filing_to_dict(filing_from_dict(filing_to_dict(filing))) == filing_to_dict(filing)


# ---------------------------------------------------------------- variants the schema allows

MINIMAL = b"""<ownershipDocument xmlns="http://www.sec.gov/edgar/ownership">
  <schemaVersion>X0609</schemaVersion><documentType>4/A</documentType>
  <periodOfReport>2024-01-02</periodOfReport><dateOfOriginalSubmission>2024-01-03</dateOfOriginalSubmission>
  <issuer><issuerCik>0000000001</issuerCik><issuerName>Some Co</issuerName></issuer>
  <reportingOwner><reportingOwnerId><rptOwnerName>Roe Ann</rptOwnerName></reportingOwnerId>
    <reportingOwnerRelationship><isDirector>true</isDirector><isOfficer>FALSE</isOfficer></reportingOwnerRelationship>
  </reportingOwner>
  <aff10b5One>true</aff10b5One>
  <nonDerivativeTable><nonDerivativeHolding><securityTitle><value>Common</value></securityTitle>
    <postTransactionAmounts><sharesOwnedFollowingTransaction><value>12.5</value>
    </sharesOwnedFollowingTransaction></postTransactionAmounts></nonDerivativeHolding></nonDerivativeTable>
</ownershipDocument>"""


def test_namespaced_document_without_declaration_and_true_false_flags() -> None:
    d = filing_to_dict(read_bytes(MINIMAL))
    assert d["document_type"] == "4/A"
    assert d["date_of_original_submission"] == "2024-01-03"
    assert d["aff10b5_one"] is True
    assert d["owners"][0]["is_director"] is True and d["owners"][0]["is_officer"] is False
    assert d["owners"][0]["is_ten_percent_owner"] is None
    assert d["issuer"]["ticker"] is None
    assert d["non_derivative"][0]["kind"] == "holding"
    assert d["non_derivative"][0]["shares_owned_following"] == "12.5"
    assert d["derivative"] == [] and d["footnotes"] == {} and d["signatures"] == []


# ---------------------------------------------------------------- hostile and broken input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<ownershipDocument><remarks>&lol4;</remarks></ownershipDocument>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ownershipDocument><remarks>&secret;</remarks></ownershipDocument>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE ownershipDocument SYSTEM "http://127.0.0.1:9/evil.dtd">
<ownershipDocument><remarks>x</remarks></ownershipDocument>"""

SUBMISSION_WITHOUT_OWNERSHIP = b"""<SEC-DOCUMENT>0000000000-24-000001.txt : 20240101
<SEC-HEADER>ACCESSION NUMBER: 0000000000-24-000001
CONFORMED SUBMISSION TYPE: 8-K
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-24
<TEXT>
Power of attorney ...
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "refused unsafe XML"),
        (EXTERNAL_ENTITY, "refused unsafe XML"),
        (EXTERNAL_DTD, "refused unsafe XML"),
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
        (MINIMAL[: len(MINIMAL) // 2], "malformed XML"),
        (b"<rss version='2.0'><channel><title>news</title></channel></rss>", "not an ownership filing"),
        (b"<html><body>hello</body></html>", "not a Form 3, 4 or 5: the HTML page"),
        (b"<ownershipDocument><remarks>\xff\xfe</remarks></ownershipDocument>", "malformed XML"),
        (SUBMISSION_WITHOUT_OWNERSHIP, "holds no ownership document"),
        (EXTERNAL_ENTITY.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"), "refused unsafe"),
        (b"<ownershipDocument>" + b"<a>" * 99_999 + b"</a>" * 99_999 + b"</ownershipDocument>", "nested more than"),
        (b"<ownershipDocument><remarks>x</remarks></ownershipDocument>", "no issuer and no reporting owner"),
        (b"Dear investor, this is a letter.", "not a filing"),
    ],
    ids=[
        "billion-laughs",
        "external-entity",
        "external-dtd",
        "empty",
        "blank",
        "binary",
        "truncated",
        "other-xml",
        "html-not-a-form",
        "invalid-utf8",
        "submission-without-ownership",
        "utf16-external-entity",
        "deep",
        "no-parties",
        "plain-text",
    ],
)
def test_bad_input_gives_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and len(message) < 200


def test_entity_expansion_is_refused_without_expanding(tmp_path: Path) -> None:
    """A million-fold expansion would take seconds and hundreds of MB; refusal takes none of that."""
    import time
    import tracemalloc

    bomb = BILLION_LAUGHS.replace(b"&lol4;", b"&lol9;").replace(
        b"]>",
        b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10))) for i in range(5, 10))
        + b"]>",
    )
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ReadError):
        read_bytes(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000, f"peak {peak} bytes: the entities were expanded"
    assert elapsed < 2.0


def test_parse_reports_bad_files_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "empty.xml"
    bad.write_bytes(b"")
    good = tmp_path / "good.xml"
    good.write_bytes(MINIMAL)
    assert main(["parse", "--format", "json", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["issuer"]["name"] == "Some Co"
    assert f"{bad}: empty file" in captured.err.splitlines()


# ---------------------------------------------------------------- whitespace kept where it is text

_PARTIES = b"""<?xml version="1.0"?>
<ownershipDocument>
  <documentType>4</documentType>
  <issuer><issuerName>Some Co</issuerName></issuer>
  %s
</ownershipDocument>"""
#: a text with markup inside (its words' blanks sit between elements), and CDATA sections with blanks between
MARKED_UP = _PARTIES % b'<footnotes>\n  <footnote id="F1"><b>Shares</b> <i>held</i> in trust.</footnote>\n</footnotes>'
CDATA = _PARTIES % b'<footnotes><footnote id="F1"><![CDATA[a]]>   <![CDATA[b]]></footnote></footnotes>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "iso-8859-2"])
@pytest.mark.parametrize(
    ("data", "text"), [(MARKED_UP, "Shares held in trust."), (CDATA, "a   b")], ids=["markup", "cdata"]
)
def test_blanks_that_are_part_of_a_text_are_kept(data: bytes, text: str, encoding: str) -> None:
    """The reader drops the indentation between elements to parse faster; never a blank that is part
    of a text: between two marked-up words, between CDATA sections, in any encoding."""
    if encoding != "utf-8":
        data = data.replace(b'"1.0"?>', f'"1.0" encoding="{encoding.upper()}"?>'.encode()).decode().encode(encoding)
    assert read_bytes(data).footnotes == {"F1": text}


def test_blanks_in_a_value_with_children_are_kept() -> None:
    """A field's element with children (here a securityTitle/value) is read as all its text."""
    data = MINIMAL.replace(b"<value>Common</value>", b"<value><b>Common</b> <b>Stock</b></value>")
    assert b"<b>Common</b>" in data
    assert read_bytes(data).non_derivative[0].security_title == "Common Stock"


def test_rows_with_the_same_tags_nested_differently_are_read_each_as_filed() -> None:
    """Rows are read by their shape; the same tags in the same order, nested otherwise, are another shape."""
    nested = b"<securityTitle><value>Common</value></securityTitle>"
    beside = b"<securityTitle/><value>Common</value>"  # a value that is not the title's
    rows = b"".join(b"<nonDerivativeHolding>%s</nonDerivativeHolding>" % r for r in (nested, beside, nested))
    data = _PARTIES % (b"<nonDerivativeTable>" + rows + b"</nonDerivativeTable>")
    assert [r.security_title for r in read_bytes(data).non_derivative] == ["Common", None, "Common"]
