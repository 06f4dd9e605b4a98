"""Who an insider is: the reporting owner's CIK, the SEC's own identity for a person or an entity, so
that "Hoffman Reid" is never mixed with "Hoffman Joseph B." however the names are written. Only an
owner filed without a CIK is known by name (folded), and the views say so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tui.across.rows import RowIndex, owner_key

if TYPE_CHECKING:
    from tui.names import NameIndex


@dataclass(frozen=True, slots=True)
class Identity:
    key: str  # "cik:1234" or "name:<folded name>"
    cik: str | None  # leading zeros dropped; None: known by name only
    names: tuple[str, ...]  # every name filed under this identity, most used first
    filings: int

    @property
    def by_name(self) -> bool:
        return self.cik is None

    @property
    def label(self) -> str:
        name = self.names[0] if self.names else "?"
        return f"{name} (CIK {self.cik})" if self.cik else f"{name} (no CIK filed: matched by name)"


def _owners(index: RowIndex) -> dict[str, dict[str, int]]:
    """identity key -> name -> filings, built once per index."""
    found = index.memo.get("owners")
    if found is None:
        found = {}
        for info in index.info:
            for key, name, _ in info.owners:
                names = found.setdefault(key, {})
                names[name] = names.get(name, 0) + 1
        index.memo["owners"] = found
    return found


def identity(index: RowIndex, key: str) -> Identity | None:
    names = _owners(index).get(key)
    if names is None:
        return None
    ordered = tuple(sorted(names, key=lambda n: (-names[n], n)))
    return Identity(key, key[4:] if key.startswith("cik:") else None, ordered, len(index.filings_of_owner(key)))


def name_index(index: RowIndex) -> NameIndex:
    """Every insider's names, for the name search (`tui.names`): made once per index."""
    names = index.memo.get("names")
    if names is None:
        from tui.names import NameIndex

        names = NameIndex()
        for key, filed in _owners(index).items():
            names.add(key, list(filed))
        index.memo["names"] = names
    return names


def candidates(index: RowIndex, query: str) -> list[Identity]:
    """The identities a CIK or a name means, best first: a CIK gives one; a name gives every owner whose
    name has all its words (order, case and small typos aside, see `tui.names`)."""
    query = query.strip()
    digits = query.upper().removeprefix("CIK").strip()
    if digits.isdigit():
        found = identity(index, owner_key(digits, None))
        return [found] if found else []
    scores = name_index(index).search(query)
    out = [i for key in scores if (i := identity(index, key)) is not None]
    return sorted(out, key=lambda i: (-scores[i.key], -i.filings, i.key))


#: the insider filters remembered per index (a screen re-sorted or narrowed asks the same name again)
_REMEMBERED = 64


def owner_filings(index: RowIndex, query: str) -> np.ndarray:
    """Filing numbers of the insider(s) a CIK or a name means (remembered per index: a name search over
    every owner of a big store costs a few hundred milliseconds)."""
    remembered: dict[str, np.ndarray] = index.memo.setdefault("owner_filings", {})
    numbers = remembered.get(query)
    if numbers is None:
        found = [index.filings_of_owner(i.key) for i in candidates(index, query)]
        numbers = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
        if len(remembered) >= _REMEMBERED:
            remembered.pop(next(iter(remembered)))
        remembered[query] = numbers
    return numbers
