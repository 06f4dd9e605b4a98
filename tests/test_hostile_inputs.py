"""A folder of hostile and broken files: each gives one clear line, the good files are imported,
nothing already stored is harmed, and memory stays bounded."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import CORPUS, REPO, SEED, needs_corpus, needs_seed
from tui.importer import import_paths
from tui.store import open_store

#: the bound we promise for an import of hostile files: files over 256 MB are refused unread, XML
#: over 16 MB is refused before parsing, nesting deeper than 64 levels stops the parser
MEMORY_BOUND_MB = 400


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


@needs_corpus
@needs_seed
def test_hostile_folder_imports_the_rest_and_harms_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = open_store(db)
    fid = import_paths(store, [CORPUS / "apple-cook-2019-08-24" / "source.xml"]).ids[0]
    store.set_reviewed(fid)
    store.set_note(fid, "before the hostile import")
    before = _snapshot(db)

    folder = tmp_path / "incoming"
    folder.mkdir()
    makers = [hostile.xml_bomb, hostile.external_entity, hostile.huge_xml, hostile.deep_xml,
              hostile.invalid_utf8, hostile.empty, hostile.zip_renamed_pdf]  # fmt: skip
    bad = {maker(folder).name for maker in makers}
    pdf_makers = [hostile.encrypted_pdf, hostile.image_only_pdf, hostile.long_pdf, hostile.other_pdf]
    bad |= {maker(folder).name for maker in pdf_makers}
    bad.add(hostile.truncated_pdf(folder, SEED / "repro-chromium.pdf").name)
    hostile.symlink_loop(folder)
    good = folder / "Caruso – Form 4 (copy) ü.xml"  # spaces and unicode in the name
    shutil.copy(SEED / "source.xml", good)

    before_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "import", "--workers", "1", str(folder)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    failed = {Path(line[len("failed: ") :].split(": ")[0]).name: line for line in lines}
    assert bad <= set(failed), result.stderr
    assert "self.xml" in failed  # the self-referencing link
    assert "refused unsafe XML" in failed["billion-laughs.xml"]
    assert "refused unsafe XML" in failed["external-entity.xml"]
    assert "too large" in failed["huge.xml"]
    assert "nested more than 64 levels" in failed["deeply-nested.xml"]
    assert "malformed XML" in failed["invalid-utf8.xml"]
    assert "empty file" in failed["empty.txt"]
    assert "archive.pdf" in failed
    assert "encrypted PDF" in failed["encrypted.pdf"]
    assert "no text layer" in failed["scanned.pdf"]
    assert "PDF has 300 pages" in failed["300-pages.pdf"]
    assert "not a Form 3, 4 or 5" in failed["letter.pdf"]
    assert "damaged or truncated PDF" in failed["truncated.pdf"]
    assert len(lines) == len(failed), "one line per failed file"
    assert "1 imported" in result.stdout

    after = open_store(db)
    assert after.state(fid).note == "before the hostile import" and after.state(fid).reviewed
    # the stored filings and the user's state are byte for byte as they were (the index and the
    # cache of seen files grew by the one good filing)
    grown = ("index.json", "sources.json")
    stored_before = {k: v for k, v in _snapshot(db).items() if k in before and k not in grown}
    assert stored_before == {k: v for k, v in before.items() if k not in grown}
    assert after.get(fid) is not None and len(after) == 2
    if peak_mb > before_children / 1024:  # only meaningful when this child set the children's maximum
        assert peak_mb < MEMORY_BOUND_MB, f"import peaked at {peak_mb:.0f} MB"


def test_external_entity_reads_nothing(tmp_path: Path) -> None:
    from tui.readers import ReadError, read_file

    with pytest.raises(ReadError, match="refused unsafe XML"):
        read_file(hostile.external_entity(tmp_path))
