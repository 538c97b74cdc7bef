"""Write or check the golden records of the test fixtures.

    python tests/make_golden.py           # rewrite every <name>.expected.json
    python tests/make_golden.py --check   # exit 1 if any golden differs from the output

A golden is `cleannews.clean(<file bytes>).to_dict()` for each page in
`tests/fixtures/seeds/*.txt` and `tests/fixtures/html/*.html`, written next to it as
`<name>.expected.json`. Before committing a rewritten golden, read it: a golden freezes
what the library does, so a wrong value frozen here hides a bug.

Known library bugs are *not* frozen: `CORRECTIONS` holds, per page and field path, the
right value written by hand and the reason. Goldens are written with these corrections
applied, and `tests/test_html.py` / `tests/test_seeds.py` mark exactly those fields
xfail(strict=True). Once a bug is fixed the xfail starts passing (and fails as strict):
delete its entry here and run this script again.

Field paths: a top-level field ("title"), or a field of one of the other stories
("others[0].authors").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SEEDS = FIXTURES / "seeds"
HTML = FIXTURES / "html"

try:
    import cleannews
except ImportError:  # run as a script without PYTHONPATH=src
    sys.path.insert(0, str(HERE.parent / "src"))
    import cleannews

#: page file name -> field path -> (right value, reason the library gets it wrong).
CORRECTIONS: dict[str, dict[str, tuple[Any, str]]] = {}


def pages() -> list[Path]:
    """Every fixture page with a golden: the text seeds, then the HTML pages."""
    return sorted(SEEDS.glob("*.txt")) + sorted(HTML.glob("*.html"))


def golden_path(page: Path) -> Path:
    return page.with_name(page.stem + ".expected.json")


def actual(page: Path) -> dict[str, Any]:
    """What the library gives for the page, as `to_dict()`."""
    return cleannews.clean(page.read_bytes()).to_dict()


def _split(path: str) -> tuple[int | None, str]:
    if path.startswith("others["):
        index, name = path[len("others[") :].split("].", 1)
        return int(index), name
    return None, path


def get_field(record: dict[str, Any], path: str) -> Any:
    index, name = _split(path)
    return (record if index is None else record["others"][index])[name]


def set_field(record: dict[str, Any], path: str, value: Any) -> None:
    index, name = _split(path)
    (record if index is None else record["others"][index])[name] = value


def field_paths(record: dict[str, Any]) -> list[str]:
    """The record's fields, with those of each other story as "others[i].field"."""
    paths = [name for name in record if name != "others"]
    paths.append("others.count")
    for i, other in enumerate(record["others"]):
        paths.extend(f"others[{i}].{name}" for name in other)
    return paths


def get_path(record: dict[str, Any], path: str) -> Any:
    """The value at a field path ("others.count" is the number of other stories)."""
    if path == "others.count":
        return len(record["others"])
    return get_field(record, path)


def corrected(page: Path) -> dict[str, Any]:
    """The golden record: the library's output with the known bugs' fields set right."""
    record = actual(page)
    for path, (value, _reason) in CORRECTIONS.get(page.name, {}).items():
        set_field(record, path, value)
    return record


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a golden differs; write nothing"
    )
    args = parser.parse_args(argv)
    differ = []
    for page in pages():
        target = golden_path(page)
        text = dump(corrected(page))
        current = target.read_text("utf-8") if target.exists() else None
        if current == text:
            continue
        differ.append(target)
        if not args.check:
            target.write_text(text, "utf-8")
    verb = "differ" if args.check else "rewritten"
    for target in differ:
        print(f"{verb}: {target.relative_to(HERE.parent)}")
    if args.check and differ:
        return 1
    if not differ:
        print(f"all {len(pages())} goldens up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
