"""Hostile and broken inputs, made by the tests themselves (no shipped binaries where a few lines
of code make them). Each maker writes one file into a folder and returns its path."""

from __future__ import annotations

import hashlib
import io
import os
import socket
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


#: the user password of `minimal_pdf(..., encrypt=True)`
PDF_USER_PASSWORD = b"user-pw"
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def minimal_pdf(pages: list[str], *, encrypt: bool = False) -> bytes:
    """A small valid PDF with one line of Helvetica text per page (a few lines of PDF syntax instead
    of a shipped binary). With ``encrypt`` the page contents are encrypted by the Standard security
    handler, revision 2 (40-bit RC4; PDF 1.7 spec, algorithms 3.1-3.3) under the user password
    `PDF_USER_PASSWORD`, as a filing saved with a password would be."""
    file_id = b"0123456789abcdef"
    permissions = -4
    padded_user = (PDF_USER_PASSWORD + _PASSWORD_PAD)[:32]
    owner_value = _rc4(hashlib.md5((b"owner-pw" + _PASSWORD_PAD)[:32]).digest()[:5], padded_user)
    key = hashlib.md5(padded_user + owner_value + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]

    def stream_object(number: int, data: bytes) -> bytes:
        if encrypt:
            data = _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10], data)
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font]
    kids = []
    for text in pages:
        escaped = text.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)")
        objects.append(stream_object(len(objects) + 1, b"BT /F1 12 Tf 72 720 Td (" + escaped + b") Tj ET"))
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content_number
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    if encrypt:
        user_value = _rc4(key, _PASSWORD_PAD)
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (owner_value.hex().encode(), user_value.hex().encode(), permissions)
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), file_id.hex().encode(), file_id.hex().encode())
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(folder: Path) -> Path:
    path = folder / "encrypted.pdf"
    path.write_bytes(minimal_pdf(["FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP"], encrypt=True))
    return path


def image_only_pdf(folder: Path) -> Path:
    from PIL import Image  # Pillow comes with pdfplumber

    path = folder / "scanned.pdf"
    Image.new("RGB", (850, 1100), "white").save(path, "PDF", resolution=100.0)
    return path


def truncated_pdf(folder: Path, source: Path) -> Path:
    data = source.read_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def long_pdf(folder: Path, pages: int = 300) -> Path:
    path = folder / "300-pages.pdf"
    path.write_bytes(minimal_pdf([f"Annual report page {n}" for n in range(1, pages + 1)]))
    return path


def other_pdf(folder: Path) -> Path:
    path = folder / "letter.pdf"
    path.write_bytes(minimal_pdf(["Dear shareholder, thank you for your continued support."]))
    return path


# ----------------------------------------------------------------- a hostile world (issue 10)
#: a C1 CSI that clears the screen, an OSC 52 that writes the clipboard and an OSC 8 link (C1 OSC
#: ended by C1 ST: ESC and BEL are not legal XML 1.0), a right-to-left override, a zero-width space
TERMINAL_ATTACK = "\u009b2J\u009d52;c;ZWNobyBwd25lZA==\u009c\u009d8;;http://x\u009cEvil\u202eLLC\u200b"
SAMPLE_XML = Path(__file__).resolve().parents[1] / "sample_filings" / "clrb-caruso-2023-12-12.xml"


def variant_xml(
    folder: Path, name: str, *, owner: str | None = None, shares: str | None = None, footnote: str | None = None
) -> Path:
    """A real filing (the bundled CLRB Form 4) with its owner name, first share count or first
    footnote replaced; written under ``name`` (bytes allowed, for names that are not UTF-8)."""
    import re
    from xml.sax.saxutils import escape

    xml = SAMPLE_XML.read_bytes()
    if owner is not None:
        tag = b"<rptOwnerName>" + escape(owner).encode() + b"</rptOwnerName>"
        xml = re.sub(rb"<rptOwnerName>[^<]*</rptOwnerName>", tag, xml)
    if shares is not None:
        xml = re.sub(rb"(<transactionShares>\s*<value>)[^<]*", rb"\g<1>" + shares.encode(), xml, count=1)
    if footnote is not None:
        xml = re.sub(rb"(<footnote id=\"F1\">)[^<]*", rb"\g<1>" + escape(footnote).encode(), xml, count=1)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_bytes(xml)
    return path


def variant_folder(folder: Path, count: int, owner: str = "Owner") -> Path:
    """``folder`` (made) holding ``count`` `variant_xml` files, owners "``owner`` 00", "``owner`` 01", …"""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        variant_xml(folder, f"v-{n:02d}.xml", owner=f"{owner} {n:02d}")
    return folder


def fifo(folder: Path, name: str = "pipe.xml") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def unix_socket(folder: Path, name: str = "sock.xml") -> tuple[Path, socket.socket]:
    path = folder / name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    return path, server


def dev_zero_link(folder: Path, name: str = "zero.xml") -> Path:
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def deep_folder(folder: Path, depth: int = 1100) -> Path:
    """A folder ``depth`` levels deep with the bundled filing at the bottom (made with relative
    mkdir calls: the full path would pass PATH_MAX)."""
    top = folder / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("bottom.xml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, SAMPLE_XML.read_bytes())
        os.close(out)
    finally:
        os.close(fd)
    return top


def remove_deep_folder(top: Path) -> None:
    """Remove what `deep_folder` made (shutil.rmtree recurses once per level and fails at 1,000)."""
    fd = os.open(top, os.O_RDONLY)
    depth = 0
    while "d" in os.listdir(fd):
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, depth = inner, depth + 1
    for name in os.listdir(fd):
        os.unlink(name, dir_fd=fd)
    for _ in range(depth):
        parent = os.open("..", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = parent
        os.rmdir("d", dir_fd=fd)
    os.close(fd)
    os.rmdir(top)


def sparse_file(folder: Path, size: int = 2 * 1024**3, name: str = "sparse.xml") -> Path:
    path = folder / name
    with path.open("wb") as fh:
        fh.write(b"<ownershipDocument>")
        fh.truncate(size)
    return path


def _pdf_with_content(content: bytes, *, pages: int = 1, flate: bool = False) -> bytes:
    """A PDF whose ``pages`` pages all draw ``content`` (Flate-compressed with ``flate``)."""
    import zlib

    body = zlib.compress(content, 9) if flate else content
    extra = b" /Filter /FlateDecode" if flate else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream"]  # fmt: skip
    kids = []
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents 4 0 R >>")  # fmt: skip
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def flate_bomb_pdf(folder: Path, inflated: int = 2 * 1024**3) -> Path:
    """About 2 MB that inflate to ``inflated`` bytes of page content (spaces: nothing is drawn).
    One block is compressed after a full flush and its bytes repeated (quick to make; the checksum
    at the end does not match, which an inflater sees only after the whole bomb)."""
    import zlib

    packer = zlib.compressobj(9)
    block = b" " * (1 << 24)
    head = packer.compress(b"BT /F1 12 Tf 72 720 Td (FORM 4) Tj ET\n") + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    body = head + repeated * (inflated // len(block)) + packer.flush()
    path = folder / "flate-bomb.pdf"
    data = _pdf_with_content(b"", flate=False).replace(b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")  # fmt: skip
    path.write_bytes(_fix_xref(data))
    return path


def _fix_xref(data: bytes) -> bytes:
    """Recompute the cross-reference table of a PDF written by `_pdf_with_content` and edited."""
    import re

    head = data[: data.index(b"xref\n")]
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", head)]
    out = bytearray(head)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return bytes(out)


def glyph_flood_pdf(folder: Path, glyphs: int = 1_000_000) -> Path:
    """A few KB of Flate that draw ``glyphs`` characters on one page."""
    line = b"(" + b"x" * 1000 + b") Tj\n"
    content = b"BT /F1 1 Tf 0 0 Td " + line * (glyphs // 1000) + b"ET"
    path = folder / "glyph-flood.pdf"
    path.write_bytes(_pdf_with_content(content, flate=True))
    return path


def many_pages_pdf(folder: Path, pages: int = 199) -> Path:
    """One small page of dense small text, 199 times (under the old 200-page limit)."""
    line = b"(" + b"FORM 4 small text " * 20 + b") Tj 0 -3 Td\n"
    content = b"BT /F1 2 Tf 10 780 Td " + line * 120 + b"ET"
    path = folder / "199-pages.pdf"
    path.write_bytes(_pdf_with_content(content, pages=pages, flate=True))
    return path


def big_xml(folder: Path, name: str, *, rows: int = 0, owners: int = 0, owner: str = "Big Filer") -> Path:
    """The bundled filing with its first Table I transaction repeated ``rows`` times and, with
    ``owners``, that many reporting owners (a name, a CIK and the director box each)."""
    import re

    xml = SAMPLE_XML.read_bytes()
    xml = re.sub(rb"<rptOwnerName>[^<]*</rptOwnerName>", b"<rptOwnerName>" + owner.encode() + b"</rptOwnerName>", xml)
    if rows:
        match = re.search(rb"<nonDerivativeTransaction>.*?</nonDerivativeTransaction>", xml, re.S)
        assert match is not None
        xml = xml[: match.start()] + match.group() * rows + xml[match.end() :]
    if owners:
        match = re.search(rb"<reportingOwner>.*?</reportingOwner>", xml, re.S)
        assert match is not None
        copies = [b"<reportingOwner><reportingOwnerId><rptOwnerCik>%010d</rptOwnerCik><rptOwnerName>%s %d"
                  b"</rptOwnerName></reportingOwnerId><reportingOwnerRelationship><isDirector>1</isDirector>"
                  b"</reportingOwnerRelationship></reportingOwner>" % (n, owner.encode(), n)
                  for n in range(owners)]  # fmt: skip
        xml = xml[: match.start()] + b"".join(copies) + xml[match.end() :]
    path = folder / name
    path.write_bytes(xml)
    return path
