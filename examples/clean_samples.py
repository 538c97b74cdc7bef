"""Clean the bundled sample pages and print one JSON record per page.

    python examples/clean_samples.py

Reads every `tests/fixtures/seeds/*.txt` of this repository (scraped text pages), cleans it
with the default pipeline and prints `Article.to_dict()` as JSON, with the file name
under "source".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cleannews

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "tests" / "fixtures" / "seeds"


def main() -> int:
    pages = sorted(SEEDS.glob("*.txt"))
    if not pages:
        print(f"no sample pages found in {SEEDS}", file=sys.stderr)
        return 1
    for path in pages:
        article = cleannews.clean(path.read_bytes())  # bytes: decoding is part of the job
        record = {"source": path.name, **article.to_dict()}
        print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
