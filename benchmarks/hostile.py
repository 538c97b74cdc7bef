"""How long each hostile input takes: measured, not asserted (tests/test_hostile.py holds
the outcomes, tests/test_guarantees.py the linear growth).

    /work/venv/bin/python benchmarks/hostile.py              # every input, 3 runs each
    /work/venv/bin/python benchmarks/hostile.py --runs 1 --only lines,deep
    /work/venv/bin/python benchmarks/hostile.py --json /tmp/hostile.json
    /work/venv/bin/python benchmarks/hostile.py --growth [--sizes 100000,1000000,10000000]

Prints one row per input: its size, the maximum and the median seconds over the runs
(wall time, and the CPU time of the slowest run), and what the record holds
(paragraphs, removed lines, warnings). Inputs are generated here at their full size (a
1,000,000-line page, 5 MB lines, 100,000 levels of nesting).

`--growth` runs each shape of `SHAPES` at several sizes (100 KB, 1 MB and 10 MB by
default, `max_input_chars` raised to fit) and prints the CPU time at each size and the
growth exponent between consecutive sizes (1.0 is linear; issue 18 asks for at most 1.1).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import struct
import sys
import time
import zlib
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))

import cleannews  # noqa: E402
from cleannews import CleanConfig, default_pipeline  # noqa: E402

PROSE = (
    "The council voted on Tuesday to approve the new budget after a long debate that "
    "lasted well into the night, officials said."
)
MB5 = 5_000_000


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    raw = b"".join(b"\x00" + bytes(range(256)) * 3 for _ in range(256))
    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )  # fmt: skip


def _mixed(lines: int) -> str:
    block = [
        "Council approves budget number {i}", "By Jane Doe", "", "Advertisement",
        PROSE[:-1] + " in session {i}.", "Share this article",
        "Opponents of plan {i} said the spending was too high for the city to afford.",
        "• Point {i} of the summary", "Photo: Jane Doe/AFP", "",
    ]  # fmt: skip
    return "\n".join(block[i % len(block)].format(i=i) for i in range(lines))


def _stories(count: int) -> str:
    block = (
        "Council approves new budget plan number {i}\nBy Jane Doe\n12 March 2021\n"
        "The council voted on Tuesday to approve plan {i} after a long debate, officials said.\n"
        "Opponents of plan {i} argued that the spending was too high for the city this year.\n"
        "Supporters said the plan {i} would create jobs and improve roads, schools and parks.\n"
    )
    return "".join(block.format(i=i) for i in range(count))


def _deep(levels: int, tag: str = "div") -> str:
    return (
        f"<html><body><p>{PROSE}</p>" + f"<{tag}>" * levels + "Deep text."
        + f"</{tag}>" * levels + "</body></html>"
    )  # fmt: skip


#: name -> (make the page, config options). Big pages get max_input_chars to fit them.
INPUTS: dict[str, tuple[Callable[[], str | bytes], dict[str, int]]] = {
    "empty": (lambda: "", {}),
    "white space only": (lambda: " \n\t\n\u00a0\u3000\n" * 1000, {}),
    "binary (PNG, 200 KB)": (_png, {}),
    "NUL bytes (1 MB)": (lambda: b"\x00" * 1_000_000, {}),
    "NULs inside text": (lambda: f"{PROSE}\x00\n" * 20_000, {}),
    "invalid UTF-8 (1 MB)": (lambda: (PROSE.encode() + b"\xc3\xff\n") * 8_000, {}),
    "UTF-16 with BOM": (lambda: (f"{PROSE}\n" * 20_000).encode("utf-16"), {}),
    "UTF-16 without BOM": (lambda: (f"{PROSE}\n" * 20_000).encode("utf-16-le"), {}),
    "cp1252 bytes": (lambda: (f"“Café” {PROSE} €5m\n" * 20_000).encode("cp1252"), {}),
    "Latin-1 bytes": (lambda: (f"Genève à {PROSE}\n" * 20_000).encode("latin-1"), {}),
    "1,000,000 lines (default limit)": (lambda: _mixed(1_000_000), {}),
    "1,000,000 lines (whole)": (lambda: _mixed(1_000_000), {"max_input_chars": 100_000_000}),
    "5,000 stories": (lambda: _stories(5_000), {}),
    "one 5 MB line of words": (lambda: "word " * (MB5 // 5), {}),
    "one 5 MB line of mojibake": (lambda: "Ã© " * (MB5 // 3), {}),
    "one 5 MB line of U+3000 runs": (lambda: "Abcdefghijklmn" + "\u3000" * MB5, {}),
    "5 MB run of one character": (lambda: "a" * MB5, {}),
    "5 MB run of '<'": (lambda: "<" * MB5, {}),
    "one repeated paragraph x 50,000": (lambda: (PROSE + " " + PROSE + "\n") * 50_000, {}),
    "nested HTML, 100,000 levels": (lambda: _deep(100_000), {}),
    "nested HTML, 250 levels x 4 MB": (
        lambda: (
            "<html><body>"
            + '<div class="caption">' * 250
            + "<p>"
            + PROSE * 16_000
            + "</p>"
            + "</div>" * 250
            + "</body></html>"
        ),
        {},
    ),
    "HTML, 180,000 paragraphs": (
        lambda: "<html><body>" + "<p>Item of a long list.</p>" * 180_000 + "</body></html>",
        {},
    ),
    "HTML only scripts and styles (5 MB)": (
        lambda: (
            "<html><head>"
            + "<script>var a = '<p>x</p>';</script><style>p{}</style>" * 90_000
            + "</head><body></body></html>"
        ),
        {},
    ),
    "malformed HTML (unclosed tags)": (lambda: "<div><p><b><i>" * 50_000 + PROSE, {}),
    "truncated HTML": (lambda: "<html><body><p>" + PROSE * 10_000 + '<a href="', {}),
    "JSON-LD of 1,000,000 items": (
        lambda: (
            '<html><head><script type="application/ld+json">'
            + "["
            + "0," * 1_000_000
            + "0]</script></head><body><p>"
            + PROSE
            + "</p></body></html>"
        ),
        {},
    ),
    "right-to-left with marks": (
        lambda: (
            ("\u200fوافق مجلس المدينة يوم الثلاثاء على الميزانية\u200f \u202bשלום\u202c\n") * 50_000
        ),
        {},
    ),
    "mixed scripts": (lambda: "Москва и 東京 agree on trade, officials said.\n" * 50_000, {}),
    "emoji runs": (lambda: ("😀" * 1000 + " 👩‍👩‍👧 🏳️‍🌈\n") * 1000, {}),
    "only boilerplate lines": (
        lambda: "Advertisement\nShare this article\nComments\n" * 50_000,
        {},
    ),
}


def _four_letters(i: int) -> str:
    return "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26**k) % 26] for k in range(4))


def _fill(unit: Callable[[int], str], chars: int) -> str:
    """Lines made by `unit(i)` until the page has `chars` characters."""
    out: list[str] = []
    size = i = 0
    while size < chars:
        line = unit(i)
        out.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(out)


def _html_fill(unit: Callable[[int], str], chars: int) -> str:
    return "<html><body>" + _fill(unit, chars) + "</body></html>"


#: Shapes for `--growth`: name -> (page of about n characters, config options). Each is
#: built to hit one loop or pattern the red teams found super-linear.
SHAPES: dict[str, tuple[Callable[[int], str], dict[str, object]]] = {
    "mixed news lines": (lambda n: _fill(lambda i: _mixed(10).split("\n")[i % 10], n), {}),
    "stories": (lambda n: _stories(max(1, n // 330)), {}),
    "one repeated paragraph": (lambda n: _fill(lambda i: PROSE + " " + PROSE, n), {}),
    "distinct bylines": (lambda n: _fill(lambda i: f"By Anna Q{_four_letters(i)}", n), {}),
    "share bars ('Share ' x 12 + '!')": (lambda n: _fill(lambda i: "Share " * 12 + "!", n), {}),
    "German credits ('und' x 54)": (
        lambda n: _fill(lambda i: "Mit Material von " + "und" * 54 + "0", n),
        {"languages": ("de",)},
    ),
    "U+3000 run in one line": (lambda n: "Abcdefghijklmn" + "\u3000" * n + "x", {}),
    "U+3000 run in an HTML title": (
        lambda n: (
            f"<html><head><title>Abcdefghijklmn{chr(0x3000) * n}x | Site</title></head>"
            f"<body><p>{PROSE}</p></body></html>"
        ),
        {},
    ),
    "HTML paragraphs": (lambda n: _html_fill(lambda i: f"<p>Item {i} of a long list.</p>", n), {}),
    "HTML paragraphs in a dropped sidebar": (
        lambda n: (
            f"<html><body><article><p>{PROSE}</p><p>{PROSE}</p></article>"
            + '<div class="sidebar">'
            + _fill(lambda i: f"<p>Sidebar note number {i} that the extraction leaves out.</p>", n)
            + "</div></body></html>"
        ),
        {},
    ),
    "HTML list items the extraction drops, in the article": (
        lambda n: (
            f"<html><body><article><p>{PROSE}</p><p>{PROSE}</p>"
            + '<div class="widget"><ul>'
            + _fill(lambda i: f"<li>Related item number {i} in a box of the article</li>", n)
            + "</ul></div></article></body></html>"
        ),
        {},
    ),
}


def growth(sizes: list[int]) -> list[dict[str, object]]:
    """CPU seconds of each shape at each size, and the exponent between sizes."""
    rows = []
    print(f"{'shape':40s} " + " ".join(f"{s / 1e6:>9.1f}M" for s in sizes) + "  exponents")
    for name, (make, options) in SHAPES.items():
        seconds = []
        for size in sizes:
            page = make(size)
            config = CleanConfig(**{"max_input_chars": max(5_000_000, 2 * len(page)), **options})
            pipe = default_pipeline(config)
            start = time.process_time()
            pipe.clean(page)
            seconds.append(time.process_time() - start)
        exponents = [
            math.log(max(b, 1e-3) / max(a, 1e-3)) / math.log(y / x)
            for (a, b), (x, y) in zip(pairwise(seconds), pairwise(sizes), strict=True)
        ]
        rows.append({"shape": name, "sizes": sizes, "cpu_s": seconds, "exponents": exponents})
        print(f"{name:40s} " + " ".join(f"{t:9.2f}s" for t in seconds) + "  "
              + " ".join(f"{e:.2f}" for e in exponents), flush=True)  # fmt: skip
    return rows


def run(name: str, runs: int) -> dict[str, object]:
    make, options = INPUTS[name]
    page = make()
    pipe = default_pipeline(CleanConfig(**options))
    times = []
    cpu = 0.0
    article = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        article = pipe.clean(page)
        times.append(time.perf_counter() - start)
        cpu = max(cpu, time.process_time() - start_cpu)
    assert article is not None
    size = len(page)
    return {
        "input": name,
        "size": f"{size / 1e6:.1f} M{'B' if isinstance(page, bytes) else 'chars'}",
        "max_s": max(times),
        "cpu_s": cpu,
        "median_s": statistics.median(times),
        "paragraphs": len(article.paragraphs),
        "removed": len(article.removed),
        "warnings": [w[:60] for w in article.warnings],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per input (default 3)")
    ap.add_argument("--only", default="", help="comma-separated name fragments to run")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    ap.add_argument("--growth", action="store_true", help="CPU time of SHAPES at --sizes")
    ap.add_argument("--sizes", default="100000,1000000,10000000", help="sizes for --growth")
    args = ap.parse_args(argv)
    if args.growth:
        cleannews.clean("Warm up: imports, compiled rules, language profiles.")
        found = growth([int(x) for x in args.sizes.split(",")])
        if args.json:
            args.json.write_text(json.dumps(found, indent=2, ensure_ascii=False), "utf-8")
        return 0
    wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    names = [n for n in INPUTS if not wanted or any(w in n.lower() for w in wanted)]
    cleannews.clean("Warm up: imports, compiled rules, language profiles.")
    rows = []
    print(f"{'input':38s} {'size':>11s} {'max s':>7s} {'median':>7s} {'cpu s':>7s} "
          f"{'paras':>7s} {'removed':>7s}  warnings")  # fmt: skip
    for name in names:
        row = run(name, args.runs)
        rows.append(row)
        print(f"{name:38s} {row['size']:>11s} {row['max_s']:7.2f} {row['median_s']:7.2f} "
              f"{row['cpu_s']:7.2f} {row['paragraphs']:7d} {row['removed']:7d}  "
              f"{'; '.join(row['warnings'])}",
              flush=True)  # fmt: skip
    worst = max(rows, key=lambda r: float(r["max_s"]))  # type: ignore[arg-type]
    took = float(worst["max_s"])  # type: ignore[arg-type]
    print(f"\nworst case: {worst['input']} ({took:.2f} s)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
