"""Field-by-field comparison of a filing read from a rendering (a PDF printout, EDGAR's HTML page)
with its ground truth (``expected.json``, derived from the filing's XML), on every field the
rendering prints."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def _fold(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def _number(value):
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return value


NUMBER_FIELDS = {
    "shares", "total_value", "price", "shares_owned_following", "value_owned_following",
    "conversion_or_exercise_price", "underlying_shares", "underlying_value",
}  # fmt: skip
TEXT_FIELDS = {"kind", "security_title", "code", "acquired_disposed", "direct_indirect",
               "nature_of_ownership",
               "underlying_title"}  # fmt: skip
DATE_FIELDS = {"transaction_date", "deemed_execution_date", "exercise_date", "expiration_date"}
FLAGS = ("not_subject_to_section16", "form3_holdings_reported", "form4_transactions_reported", "aff10b5_one")
OWNER_TEXT = ("name", "cik", "street1", "street2", "city", "state", "zip")
OWNER_FLAGS = ("is_director", "is_officer", "is_ten_percent_owner", "is_other")


def compare(exp: dict, got: dict) -> list[str]:
    """Differences on every field the rendering prints (see :func:`compare_counted`)."""
    return compare_counted(exp, got)[0]


def compare_counted(exp: dict, got: dict) -> tuple[list[str], int]:
    """(differences, number of fields compared). Differences on every field the rendering prints.
    Not printed (so not compared): schema
    version, equity swap, timeliness, CCC, state description, good address, country, non-US flag,
    transactionFormType except on Form 4 transactions (V column), and each owner's relationship on
    a filing with several owners: the page shows only the union of their boxes, which must come back
    as the filing's ``relationship`` while the owners' own flags stay None. An unchecked box reads
    as False where the XML may have left the flag out (None)."""
    bad: list[str] = []
    compared = 0

    def check(path: str, e, g) -> None:
        nonlocal compared
        compared += 1
        if e != g:
            bad.append(f"{path}: expected {e!r}, got {g!r}")

    form = exp["document_type"]
    check("document_type", exp["document_type"], got["document_type"])
    check("period_of_report", exp["period_of_report"], got["period_of_report"])
    check("date_of_original_submission", exp["date_of_original_submission"], got["date_of_original_submission"])
    if form.startswith("3"):
        check("no_securities_owned", bool(exp["no_securities_owned"]), got["no_securities_owned"])
    for flag in FLAGS:
        check(flag, bool(exp[flag]), bool(got[flag]))
    for key in ("name", "ticker", "cik"):
        check(f"issuer.{key}", _fold(exp["issuer"][key]), _fold(got["issuer"][key]))
    check("owners.count", len(exp["owners"]), len(got["owners"]))
    single = len(exp["owners"]) == 1
    for i, (eo, go) in enumerate(zip(exp["owners"], got["owners"], strict=False)):
        for key in OWNER_TEXT:
            check(f"owners[{i}].{key}", _fold(eo[key]), _fold(go[key]))
        if single:
            for key in OWNER_FLAGS:
                check(f"owners[{i}].{key}", bool(eo[key]), bool(go[key]))
            for key in ("officer_title", "other_text"):
                check(f"owners[{i}].{key}", _fold(eo[key]), _fold(go[key]))
    for table in ("non_derivative", "derivative"):
        check(f"{table}.count", len(exp[table]), len(got[table]))
        for i, (er, gr) in enumerate(zip(exp[table], got[table], strict=False)):
            where = f"{table}[{i}]"
            for key, e in er.items():
                if key == "footnotes":
                    check(f"{where}.footnotes", e, gr["footnotes"])
                elif key in NUMBER_FIELDS:
                    check(f"{where}.{key}", _number(e), _number(gr[key]))
                elif key in TEXT_FIELDS:
                    check(f"{where}.{key}", _fold(e), _fold(gr[key]))
                elif key in DATE_FIELDS:
                    check(f"{where}.{key}", e, gr[key])
                elif key == "form_type" and form == "4" and er["kind"] == "transaction":
                    check(f"{where}.form_type", e, gr[key])
    if "relationship" in got or not single:  # the box the page prints for the filing as a whole
        want = union_relationship(exp["owners"])
        box = got.get("relationship") or {}
        for key in OWNER_FLAGS:
            check(f"relationship.{key}", want[key], bool(box.get(key)))
        for key in ("officer_title", "other_text"):
            check(f"relationship.{key}", _fold(want[key]), _fold(box.get(key)))
        if not single:  # the page does not say which owner is what
            for i, go in enumerate(got["owners"]):
                for key in (*OWNER_FLAGS, "officer_title", "other_text"):
                    check(f"owners[{i}].{key}", None, go[key])
    check("footnotes.ids", list(exp["footnotes"]), list(got["footnotes"]))
    for key, text in exp["footnotes"].items():
        if key in got["footnotes"]:
            check(f"footnotes.{key}", _fold(text), _fold(got["footnotes"][key]))
    check("remarks", _fold(exp["remarks"]) or None, _fold(got["remarks"]))
    check(
        "signatures",
        [(_fold(s["name"]), s["date"]) for s in exp["signatures"]],
        [(_fold(s["name"]), s["date"]) for s in got["signatures"]],
    )
    return bad, compared


def union_relationship(owners: list[dict]) -> dict:
    """The relationship box as EDGAR's page prints it for several owners: a box is checked if any
    owner has the flag; the officer title / other text is the first owner's (the first
    ``officerTitle`` element of the document; corpus README, "UNVERIFIED": the reproduction's
    choice, no real multi-owner Form 4 page was found)."""
    out: dict = {key: any(bool(o[key]) for o in owners) for key in OWNER_FLAGS}
    for key in ("officer_title", "other_text"):
        out[key] = owners[0][key] if owners else None
    return out
