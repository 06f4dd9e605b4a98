"""Hostile and broken inputs, made by the tests themselves (no shipped binaries where a few lines
of code make them). Each maker writes one file into a folder and returns its path."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<ownershipDocument><remarks>&lol9;</remarks></ownershipDocument>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ownershipDocument><issuer><issuerName>&secret;</issuerName></issuer></ownershipDocument>"""


def xml_bomb(folder: Path) -> Path:
    path = folder / "billion-laughs.xml"
    path.write_bytes(BOMB)
    return path


def external_entity(folder: Path) -> Path:
    path = folder / "external-entity.xml"
    path.write_bytes(EXTERNAL_ENTITY)
    return path


def huge_xml(folder: Path, megabytes: int = 50) -> Path:
    path = folder / "huge.xml"
    with path.open("wb") as fh:
        fh.write(b"<ownershipDocument><remarks>")
        chunk = b"x" * (1024 * 1024)
        for _ in range(megabytes):
            fh.write(chunk)
        fh.write(b"</remarks></ownershipDocument>")
    return path


def deep_xml(folder: Path, depth: int = 200_000) -> Path:
    path = folder / "deeply-nested.xml"
    path.write_bytes(b"<ownershipDocument>" + b"<a>" * depth + b"x" + b"</a>" * depth + b"</ownershipDocument>")
    return path


def invalid_utf8(folder: Path) -> Path:
    path = folder / "invalid-utf8.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?><ownershipDocument><remarks>\xc3\x28\xff</remarks>'
                     b"</ownershipDocument>")  # fmt: skip
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def zip_renamed_pdf(folder: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("form4.xml", "<ownershipDocument/>")
    path = folder / "archive.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def symlink_loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    (loop / "self.xml").symlink_to(loop / "self.xml")  # a link to itself
    return loop
