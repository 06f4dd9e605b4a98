"""Print the corpus's EDGAR pages with other print settings, to test the PDF reader on printouts it
was not tuned on (test data: written into a folder you give, e.g. under /tmp, never committed).

    python scripts/print_variants.py OUT [--grid cover|extremes|axes|mono|smoke] [--per-setting N]
        [--filings N] [--engines chromium,wkhtmltopdf,weasyprint]
    python scripts/check_variants.py OUT

Settings, as a person sets them in the print dialog: paper Letter, A4, Legal, A3, A5; portrait or
landscape; margins 0, 10, 20, 30 mm; scale 50, 75, 100, 125, 150 %; the browser's header and footer
(date, title, URL, page numbers) on or off; colour, black only, or grey. Engines: Chromium (through
its DevTools protocol on a pipe, the same ``Page.printToPDF`` its print dialog uses), wkhtmltopdf
(its own options; ``--grayscale`` for grey), WeasyPrint (``@page`` CSS and ``zoom``; ``pip install
-e '.[variants]'``, or ``--weasyprint-python`` naming a Python that has it).

The pages are the corpus's reproduced renderings (``repro.html``: every filing has one) of a spread
of filings (SAMPLE: Forms 3, 4, 5, joint filings, long tables, remarks). All 1,200 combinations of
the settings times every filing and engine is too many to print; the ``cover`` grid is a covering
design instead: per engine, a pairwise covering array (every value of every setting, and every
pair of values of two settings, in at least one printout; ~28 settings per engine), each setting
printed for ``--per-setting`` filings taken in turn from SAMPLE. ``extremes`` are the test's
settings (A5 landscape at 50 %, A3 at 150 %, no margin, 30 mm with header/footer, black only);
``axes`` changes one setting at a time from a base (Letter, portrait, 10 mm, 100 %, colour).
The manifest is OUT/manifest.json; check_variants.py reads it.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "filings"
SEED = SHARED / "seed" / "clrb-caruso-2023-12-12"

#: paper sizes in millimetres (portrait)
PAPER = {"Letter": (215.9, 279.4), "A4": (210.0, 297.0), "Legal": (215.9, 355.6), "A3": (297.0, 420.0),
         "A5": (148.0, 210.0)}  # fmt: skip
MARGINS = (0, 10, 20, 30)
SCALES = (50, 75, 100, 125, 150)
COLOURS = ("colour", "black", "grey")
ENGINES = ("chromium", "wkhtmltopdf", "weasyprint")
#: a spread of layouts: Forms 3, 4 and 5; joint filings (2 to 10 owners); long tables that run over
#: pages; many footnotes; remarks; empty tables; the seed
SAMPLE = ["clrb-caruso-2023-12-12", "0000899243-20-028043", "0001127602-20-005231", "0001325670-20-000005",
          "snowflake-garrett-2020-09-15", "0000899243-20-029454", "apple-cook-2019-08-24",
          "0001213900-20-040288", "0001120437-20-000008", "snowflake-scarpelli-2022-12-13",
          "0000899243-21-019441", "0001213900-20-041181", "0000950123-20-007937", "0001493152-25-009612",
          "0001209191-20-051619", "0001181431-11-030813", "0000950170-24-012830", "0001243786-20-000005",
          "0001209191-22-024550", "0001209191-13-002209", "0001127602-20-005502",
          "0001078782-20-000692"]  # fmt: skip


@dataclass(frozen=True)
class Setting:
    engine: str
    paper: str = "Letter"
    landscape: bool = False
    margin: int = 10
    scale: int = 100
    header_footer: bool = False
    colour: str = "colour"

    @property
    def name(self) -> str:
        return (f"{self.engine}-{self.paper}-{'land' if self.landscape else 'port'}-m{self.margin}-s{self.scale}"
                f"{'-hf' if self.header_footer else ''}-{self.colour}")  # fmt: skip

    def size_mm(self) -> tuple[float, float]:
        w, h = PAPER[self.paper]
        return (h, w) if self.landscape else (w, h)


#: the print dialog's settings and the values each takes (engine apart)
AXES: dict[str, tuple] = {
    "paper": tuple(PAPER),
    "landscape": (False, True),
    "margin": MARGINS,
    "scale": SCALES,
    "header_footer": (False, True),
    "colour": COLOURS,
}


def allowed(values: dict) -> bool:
    """A browser prints its header and footer in the page margin: with no margin it has nowhere to
    put them (Chrome's dialog then offers no header/footer), so that pair is not a print setting."""
    return not (values.get("header_footer") and values.get("margin") == 0)


def pairwise(seed: str) -> list[dict]:
    """A covering array of strength 2 over AXES: every value of every setting, and every pair of
    values of two settings, in some row (greedy: each row the candidate covering most new pairs)."""
    names = list(AXES)
    todo = {
        (a, va, b, vb)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        for va in AXES[a]
        for vb in AXES[b]
        if allowed({a: va, b: vb})
    }
    rng = random.Random(seed)
    rows: list[dict] = []
    while todo:
        best, gain = None, -1
        for _ in range(300):
            a, va, b, vb = rng.choice(sorted(todo, key=repr))  # start from a pair still to cover
            row = {n: rng.choice(AXES[n]) for n in names}
            row[a], row[b] = va, vb
            if not allowed(row):
                continue
            covered = sum((x, row[x], y, row[y]) in todo for i, x in enumerate(names) for y in names[i + 1 :])
            if covered > gain:
                best, gain = row, covered
        assert best is not None
        rows.append(best)
        todo -= {(x, best[x], y, best[y]) for i, x in enumerate(names) for y in names[i + 1 :]}
    return rows


#: the extremes (the test's sample): the smallest print, the largest, no margin, the widest margin
#: with the browser's header and footer, black only
EXTREMES = (
    {"paper": "A5", "landscape": True, "scale": 50},
    {"paper": "A3", "scale": 150},
    {"margin": 0},
    {"margin": 30, "header_footer": True},
    {"colour": "black"},
)


def grid(kind: str, engines: tuple[str, ...], seed: int = 12) -> list[Setting]:
    """``cover``: per engine, a pairwise covering array of the settings (every value of every
    setting, every pair of two settings' values); ``axes``: a base setting (Letter, portrait,
    10 mm, 100 %, no header, colour) and one setting changed at a time to each of its values;
    ``extremes``: EXTREMES; ``mono``: black only and grey; ``smoke``: extremes (the test's)."""
    out: list[Setting] = []
    for engine in engines:
        base = Setting(engine)
        if kind == "mono":  # without colour: black only and grey, at the base setting
            out += [Setting(engine, colour="black"), Setting(engine, colour="grey")]
        elif kind in ("smoke", "extremes"):
            out += [Setting(engine, **values) for values in EXTREMES]
        elif kind == "axes":
            out.append(base)
            for axis, values in AXES.items():
                out += [Setting(engine, **{axis: v}) for v in values if v != getattr(base, axis)]
        elif kind == "cover":
            out += [Setting(engine, **row) for row in pairwise(f"{seed}-{engine}")]
        else:
            raise ValueError(kind)
    return list(dict.fromkeys(out))


def _title(html: str) -> str:
    """The page's <title> as a browser's header prints it ("SEC FORM 3"), quoted for CSS."""
    match = re.search(r"<title>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return " ".join(match.group(1).split()).replace("'", "") if match else ""


def page_html(source: Path, setting: Setting) -> str:
    html = source.read_text(encoding="utf-8")
    css = ""
    if setting.colour == "black":
        css += "* { color: black !important; }\n"
    elif setting.colour == "grey" and setting.engine != "wkhtmltopdf":  # wkhtmltopdf: --grayscale
        css += "* { color: #444 !important; }\n"
    if setting.engine == "weasyprint":
        w, h = setting.size_mm()
        css += f"@page {{ size: {w}mm {h}mm; margin: {setting.margin}mm;"
        if setting.header_footer:
            css += (" @top-left { content: '12/1/26, 8:00 PM'; font-size: 8pt; }"
                    f" @top-center {{ content: '{_title(html)}'; font-size: 8pt; }}"
                    f" @bottom-left {{ content: 'file://{source}'; font-size: 8pt; }}"
                    " @bottom-right { content: counter(page) '/' counter(pages); font-size: 8pt; }")  # fmt: skip
        css += " }\n"
    if css:
        html = (
            html.replace("</style>", css + "</style>", 1)
            if "</style>" in html
            else html.replace("<head>", f"<head><style>{css}</style>", 1)
        )
    return html


# --- Chromium over the DevTools protocol (a pipe: no port, no network) ---------------------------


class Chromium:
    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="variants-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # Chromium reads commands on fd 3 and answers on fd 4
            a, b = os.dup(to_child_r), os.dup(from_child_w)  # (either may already be 3 or 4)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=fds, pass_fds=(), stdout=subprocess.DEVNULL, stderr=self._stderr(), close_fds=False,
        )  # fmt: skip
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0

    @staticmethod
    def _stderr() -> int | None:
        return None if os.environ.get("VARIANTS_DEBUG") else subprocess.DEVNULL

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self) -> dict:
        while b"\0" not in self._buf:
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def print_pdf(self, url: str, setting: Setting) -> bytes:
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self._send("Page.enable", session=session)
            self._send("Page.navigate", {"url": url}, session=session)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                event = self._read()
                if event.get("method") == "Page.loadEventFired" and event.get("sessionId") == session:
                    break
            w, h = setting.size_mm()
            inch = 25.4
            m = setting.margin / inch
            params = {"paperWidth": w / inch, "paperHeight": h / inch, "marginTop": m, "marginBottom": m,
                      "marginLeft": m, "marginRight": m, "scale": setting.scale / 100,
                      "displayHeaderFooter": setting.header_footer, "printBackground": False}  # fmt: skip
            if setting.header_footer:  # Chromium's own print header and footer
                style = "font-size: 8px; width: 100%; display: flex; justify-content: space-between; margin: 0 5mm;"
                params["headerTemplate"] = (
                    f'<div style="{style}"><span class="date"></span><span class="title"></span><span></span></div>'
                )
                params["footerTemplate"] = (
                    f'<div style="{style}"><span class="url"></span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>'  # noqa: E501
                )
            data = self._send("Page.printToPDF", params, session=session)["data"]
            return base64.b64decode(data)
        finally:
            self._send("Target.closeTarget", {"targetId": target})

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def wkhtmltopdf(src: Path, out: Path, setting: Setting) -> None:
    w, h = setting.size_mm()
    args = ["wkhtmltopdf", "--quiet", "--disable-javascript", "--disable-local-file-access", "--allow", str(src.parent),
            "--page-width", f"{w}mm", "--page-height", f"{h}mm", "-T", f"{setting.margin}mm",
            "-B", f"{setting.margin}mm", "-L", f"{setting.margin}mm", "-R", f"{setting.margin}mm",
            "--zoom", str(setting.scale / 100)]  # fmt: skip
    if setting.header_footer:
        args += ["--header-left", "[date] [time]", "--header-center", "[title]", "--footer-left", "[webpage]",
                 "--footer-right", "[page]/[topage]", "--header-font-size", "7", "--footer-font-size", "7"]  # fmt: skip
    if setting.colour == "grey":
        args.append("--grayscale")
    subprocess.run([*args, src.as_uri(), str(out)], check=True, capture_output=True, timeout=180)


WEASY = (
    "import sys, weasyprint\n"
    "for src, out, zoom in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):\n"
    "    weasyprint.HTML(filename=src).write_pdf(out, zoom=float(zoom))\n"
)


def weasyprint_python() -> str | None:
    """This Python when it has WeasyPrint (``pip install -e '.[variants]'``), else None."""
    import importlib.util

    return sys.executable if importlib.util.find_spec("weasyprint") is not None else None


def sources(count: int | None = None) -> list[Path]:
    """The EDGAR pages printed: the corpus's reproduced rendering (``repro.html``, every filing has
    one) of the SAMPLE's filings, then (``count`` beyond the sample) the others in name order."""
    folders = [SEED if name == SEED.name else CORPUS / name for name in SAMPLE]
    if count is not None and count > len(folders):
        rest = sorted(d for d in CORPUS.iterdir() if (d / "repro.html").is_file() and d not in folders)
        folders += rest[: count - len(folders)]
    folders = folders[:count] if count is not None else folders
    return [d / "repro.html" for d in folders if (d / "repro.html").is_file()]


def plan(settings: list[Setting], pages: list[Path], per_setting: int | None) -> list[tuple[Path, Setting]]:
    """Which page is printed with which setting: every page with every setting (``per_setting``
    None), or each setting with ``per_setting`` pages taken in turn from the list, so that every
    filing meets every engine and a spread of settings (a covering design, not the full product)."""
    if per_setting is None or per_setting >= len(pages):
        return [(page, s) for page in pages for s in settings]
    jobs: list[tuple[Path, Setting]] = []
    turn = 0
    for s in settings:
        for _ in range(per_setting):
            jobs.append((pages[turn % len(pages)], s))
            turn += 1
    return jobs


def make(out: Path, jobs: list[tuple[Path, Setting]], weasy_python: str | None = None) -> list[dict]:
    """Print every job into OUT/<filing>/<setting>.pdf; returns (and writes) the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    weasy_python = weasy_python or weasyprint_python()
    manifest: list[dict] = []
    chromium = None
    weasy_jobs: list[tuple[Path, Path, Setting, dict]] = []
    for page, setting in jobs:
        folder = out / page.parent.name
        folder.mkdir(exist_ok=True)
        pdf = folder / f"{setting.name}.pdf"
        src = folder / f"{setting.name}.html"
        src.write_text(page_html(page, setting), encoding="utf-8")
        entry = {"pdf": str(pdf), "source": str(page.parent), **asdict(setting)}
        try:
            if setting.engine == "chromium":
                if chromium is None:
                    binary = shutil.which("chromium") or shutil.which("chromium-browser") or ""
                    chromium = Chromium(binary)
                pdf.write_bytes(chromium.print_pdf(src.as_uri(), setting))
            elif setting.engine == "wkhtmltopdf":
                wkhtmltopdf(src, pdf, setting)
            else:
                weasy_jobs.append((src, pdf, setting, entry))
        except Exception as exc:  # an engine that fails on a setting is reported, not fatal
            entry["print_error"] = f"{type(exc).__name__}: {exc}"
        manifest.append(entry)
    if chromium is not None:
        chromium.close()
    if weasy_jobs and not weasy_python:
        for *_, entry in weasy_jobs:
            entry["print_error"] = "WeasyPrint is not installed (pip install -e '.[variants]')"
    elif weasy_jobs:
        args = [a for src, pdf, s, _ in weasy_jobs for a in (str(src), str(pdf), str(s.scale / 100))]
        subprocess.run([str(weasy_python), "-c", WEASY, *args], check=False, capture_output=True, timeout=3600)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--grid", choices=("cover", "extremes", "axes", "mono", "smoke"), default="cover")
    parser.add_argument("--filings", type=int, default=None, help="how many filings (default: the SAMPLE)")
    parser.add_argument("--per-setting", type=int, default=2, help="filings printed with each setting (0: all)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--weasyprint-python", default=None, help="a Python with weasyprint (default: this one)")
    args = parser.parse_args(argv)
    engines = tuple(e for e in args.engines.split(",") if e)
    settings = grid(args.grid, engines)
    pages = sources(args.filings)
    jobs = plan(settings, pages, args.per_setting or None)
    started = time.monotonic()
    manifest = make(args.out, jobs, args.weasyprint_python)
    failed = sum(1 for e in manifest if e.get("print_error"))
    print(f"printed {len(manifest) - failed} PDFs ({len(settings)} settings x {args.per_setting or len(pages)} "
          f"of {len(pages)} filings; {failed} not printed) in {time.monotonic() - started:.0f} s into {args.out}; "
          f"check them with scripts/check_variants.py {args.out}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
