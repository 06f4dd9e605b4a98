"""The document tree of EDGAR's saved HTML page of a Form 3, 4 or 5: parsed with a hardened lxml HTML
parser, browser leftovers dropped, and the small helpers the reader in :mod:`tui.readers.html` finds its
parts with (text of an element, its classes, the form's value spans)."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from tui.readers.errors import ReadError

MAX_HTML_BYTES = 16 * 1024 * 1024
#: elements a saved page may carry that are never part of the form
LEFTOVERS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "link", "meta", "base")
CIK_LINK = re.compile(r"[?&]CIK=([^&#]*)", re.IGNORECASE)
FOOTNOTE_LINE = re.compile(r"^(\d+)\.\s*(.*)$", re.DOTALL)
_DOCTYPE_OR_HTML = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def looks_like_html(head: bytes) -> bool:
    """An HTML document: a doctype or <html> first (after a byte-order mark, an XML declaration of
    a saved XHTML page, comments such as a browser's "saved from url")."""
    start = head[:4096]
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: look at the ASCII letters only
        start = start[2:].replace(b"\x00", b"")
    return _DOCTYPE_OR_HTML.match(start.lstrip(b"\xef\xbb\xbf \t\r\n")) is not None


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, default_doctype=False
    )


def all_text(el: Any) -> str:
    """All the text in an element and its descendants (serialised by libxml2: several times faster
    than joining ``itertext()``)."""
    if len(el) == 0:
        return el.text or ""
    return _tostring(el, method="text", encoding="unicode", with_tail=False)


_tostring = etree.tostring


def norm(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def text_of(el: Any) -> str | None:
    return norm(all_text(el)) or None if el is not None else None


def classes_of(el: Any) -> frozenset[str]:
    cls = el.get("class")
    return frozenset(cls.split()) if cls else _NO_CLASSES


_NO_CLASSES: frozenset[str] = frozenset()


DATA_CLASSES = frozenset({"FormData", "FormDataR", "FormDataC", "SmallFormData"})


class Page:
    """The parsed page, walked once: every element's own text (before its first child) indexed by
    its first word, in document order (the text is normalised only for the words looked up)."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.order: dict[Any, int] = {}  # document position of the elements with text
        self._by_first: dict[str, list[Any]] = {}
        order = self.order
        by_first = self._by_first
        for i, el in enumerate(root.iter()):
            text = el.text
            if text and not text.isspace():
                order[el] = i
                first = text.split(None, 1)[0]
                bucket = by_first.get(first)
                if bucket is None:
                    by_first[first] = [el]
                else:
                    bucket.append(el)

    def find_all(self, prefix: str) -> list[Any]:
        """Elements whose own text starts with ``prefix``, in document order."""
        bucket = self._by_first.get(prefix.split(" ", 1)[0], ())
        return [el for el in bucket if " ".join(el.text.split()).startswith(prefix)]

    def form_names(self) -> list[Any]:
        """The elements of class ``FormName`` (the form's title, "FORM 4") that hold a text starting
        with "form" (in any case), in document order."""
        found: dict[Any, int] = {}
        for first, bucket in self._by_first.items():
            if first[:4].upper() != "FORM":
                continue
            for el in bucket:
                node = el
                while node is not None and "FormName" not in (node.get("class") or "").split():
                    node = node.getparent()
                if node is not None:
                    found.setdefault(node, self.order.get(node, self.order[el]))
        return sorted(found, key=found.__getitem__)

    def find(self, prefix: str) -> Any | None:
        hits = self.find_all(prefix)
        return hits[0] if hits else None

    def box(self, *prefixes: str) -> Any | None:
        """The table cell a label opens (the nearest <td>/<th> holding it)."""
        for prefix in prefixes:
            label = self.find(prefix)
            if label is not None:
                return cell_of(label)
        return None


def cell_of(el: Any) -> Any:
    node = el
    while node is not None and node.tag not in ("td", "th"):
        node = node.getparent()
    return node if node is not None else el


def ancestor(el: Any, tag: str) -> Any | None:
    node = el.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


def parse_page(data: bytes) -> Any:
    if len(data) > MAX_HTML_BYTES:
        raise ReadError(f"HTML page too large ({len(data) // (1024 * 1024)} MB; a Form 3/4/5 page is far smaller)")
    try:
        root = etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"unreadable HTML page: {exc}") from None
    if root is None:
        raise ReadError("empty HTML page")
    for el in list(root.iter(*LEFTOVERS)):
        parent = el.getparent()
        if parent is not None:
            tail = el.tail
            parent.remove(el)
            if tail:  # keep the text that followed the removed element
                prev = parent[-1] if len(parent) else None
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
    return root
