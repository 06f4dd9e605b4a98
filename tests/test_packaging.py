"""Every folder of the package is a regular package (has an ``__init__.py``): setuptools' find_packages
leaves a folder without one out of the wheel, and the installed explorer then fails to start."""

from __future__ import annotations

from tests.conftest import REPO


def test_every_package_folder_has_an_init() -> None:
    folders = [d for d in (REPO / "tui").rglob("*") if d.is_dir() and any(d.glob("*.py"))]
    assert folders, "no package folders found"
    missing = [str(d.relative_to(REPO)) for d in folders if not (d / "__init__.py").is_file()]
    assert not missing, f"folders without __init__.py (left out of the wheel): {missing}"
