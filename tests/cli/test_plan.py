"""Issue 11, item 17: the Rule 10b5-1 box is a filter of every command that filters (`--plan`,
`--no-plan`). Expected counts come from the corpus's expected.json (`aff10b5_one`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.cli.helpers import form4
from tests.conftest import CORPUS


def _plans() -> dict[str, bool]:
    """owner names -> the box, for every corpus filing with a source.xml (the ones corpus_db holds)."""
    out = {}
    for path in sorted(CORPUS.glob("*/expected.json")):
        if (path.parent / "source.xml").is_file():
            doc = json.loads(path.read_text())
            out["; ".join(o["name"] for o in doc["owners"]) + " " + path.parent.name] = doc["aff10b5_one"] is True
    return out


def _json(db: Path, *args: str) -> list[dict[str, object]]:
    result = form4("--db", str(db), *args, "--format", "json")
    return list(json.loads(result.stdout)) if result.returncode == 0 else []


def test_list_and_export_filter_on_the_box(corpus_db: Path) -> None:
    plans = _plans()
    checked = sum(plans.values())
    assert checked == 12  # the corpus README: "10b5-1 box checked | 12"
    with_plan = _json(corpus_db, "list", "--limit", "0", "--plan")
    without = _json(corpus_db, "list", "--limit", "0", "--no-plan")
    assert len(with_plan) == checked and len(without) == len(plans) - checked
    assert all(r["plan"] is True for r in with_plan) and not any(r["plan"] for r in without)

    exported = json.loads(form4("--db", str(corpus_db), "export", "--plan").stdout)
    assert sorted(e["id"] for e in exported) == sorted(str(r["id"]) for r in with_plan)
    assert all(e["aff10b5_one"] is True for e in exported)
    lines = list(
        csv.DictReader(io.StringIO(form4("--db", str(corpus_db), "export", "--format", "csv", "--plan").stdout))
    )
    assert {line["aff10b5_one"] for line in lines} == {"1"}


def test_search_filters_on_the_box(corpus_db: Path) -> None:
    planned = _json(corpus_db, "list", "--limit", "0", "--plan")[0]
    owner = str(planned["owners"][0])  # type: ignore[index]
    found = _json(corpus_db, "search", owner, "--plan")
    assert planned["id"] in [r["id"] for r in found] and all(r["plan"] is True for r in found)
    assert planned["id"] not in [r["id"] for r in _json(corpus_db, "search", owner, "--no-plan")]


def test_plan_and_no_plan_exclude_each_other(sample_db: Path) -> None:
    assert form4("--db", str(sample_db), "list", "--plan", "--no-plan").returncode == 3
