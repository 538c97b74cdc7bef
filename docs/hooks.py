"""MkDocs hooks: show the repo's own CHANGELOG/CONTRIBUTING, and code paths as text.

Pages link to source files (`../src/...`) so that they work when read in the repository;
on the built site those files do not exist, so the links become code paths. Links between
documentation pages stay links, and `mkdocs build --strict` fails on any broken one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INCLUDES = {"changelog.md": "CHANGELOG.md", "contributing.md": "CONTRIBUTING.md"}
_CODE_LINK = re.compile(
    r"\[([^\]]+)\]\((?:\.\./)?((?:src|tests|benchmarks|examples|\.ci)/[^)]*)\)"
)
_DOCS_LINK = re.compile(r"\]\(docs/")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    name = page.file.src_uri
    if name in INCLUDES:
        markdown = (ROOT / INCLUDES[name]).read_text(encoding="utf-8")
        markdown = _DOCS_LINK.sub("](", markdown)
    return _CODE_LINK.sub(lambda m: f"{m.group(1)} (`{m.group(2)}`)", markdown)
