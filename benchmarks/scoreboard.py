"""Every dev corpus, every system, one run: body F1/P/R and metadata, per corpus and page type.

``python benchmarks/quality.py --set all`` (or ``--set wcxb`` / ``--set readability``)
lands here. Systems, all on the same pages in the same run:

* ``trafilatura``: ``trafilatura.extract(html)`` with its defaults (metadata from the same
  call with ``with_metadata=True``; the text is the same as the plain call's);
* ``readability``: readability-lxml (``Document(html).summary()``, ``short_title()``), a
  benchmark-only extra: ``pip install readability-lxml``; skipped when missing;
* ``cleannews``: ``cleannews.clean(html_bytes)``;
* ``cleannews-text``: with ``--text``, ``cleannews.clean`` of the recall-oriented noisy
  extraction (the text path), next to that text uncleaned (``noisy-text``).

The baselines' outputs are cached per library version in ``benchmarks/.cache/corpora``
(they do not change while cleannews does); cleannews is always recomputed. Pages run on
``--jobs`` processes. The held-out quarter of wcxb (see ``corpora.py``) is reported on its
own rows and is never listed page by page (``--worst`` and ``--dump`` skip it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

try:  # ``python -m benchmarks.scoreboard`` from the repo root
    from benchmarks.corpora import CORPORA, GoldPage, html_to_text, load, score_fields
    from benchmarks.metric import aggregate, page_f1, page_scores
except ImportError:  # ``python benchmarks/scoreboard.py``
    from corpora import CORPORA, GoldPage, html_to_text, load, score_fields
    from metric import aggregate, page_f1, page_scores

BENCH_DIR = Path(__file__).resolve().parent
#: Set CLEANNEWS_BENCH_CACHE to share the baselines' cache between work trees.
CACHE = Path(os.environ.get("CLEANNEWS_BENCH_CACHE") or BENCH_DIR / ".cache" / "corpora")
FIELD_NAMES = ("title_exact", "title", "authors", "date")
Output = dict[str, Any]  # {"body": str, "title": str|None, "authors": [..], "date": str|None}


# --- systems ---------------------------------------------------------------------------


def run_trafilatura(page: GoldPage) -> Output:
    import trafilatura

    raw = trafilatura.extract(page.html_text, output_format="json", with_metadata=True)
    data = json.loads(raw) if raw else {}
    author = data.get("author")
    return {
        "body": data.get("text") or "",
        "title": data.get("title"),
        "authors": [a.strip() for a in author.split(";")] if author else [],
        "date": data.get("date"),
    }


def run_readability(page: GoldPage) -> Output:
    from readability import Document

    try:
        doc = Document(page.html_text)
        body = html_to_text(doc.summary(html_partial=True))
        title = doc.short_title()
    except Exception:  # readability-lxml raises on some pages; score them as empty
        body, title = "", None
    return {"body": body, "title": title, "authors": [], "date": None}


def run_cleannews(page: GoldPage) -> Output:
    import cleannews

    return _article_output(cleannews.clean(page.html))


def noisy_text(page: GoldPage) -> str:
    import trafilatura

    text = trafilatura.extract(
        page.html_text,
        favor_recall=True,
        include_comments=True,
        include_tables=True,
        deduplicate=False,
    )
    return text or ""


def run_noisy(page: GoldPage) -> Output:
    return {"body": noisy_text(page), "title": None, "authors": [], "date": None}


def run_cleannews_text(page: GoldPage) -> Output:
    import cleannews

    return _article_output(cleannews.clean(noisy_text(page), kind="text"))


def _article_output(article: Any) -> Output:
    published = article.published.isoformat()[:10] if article.published is not None else None
    return {
        "body": article.body,
        "title": article.title,
        "authors": list(article.authors),
        "date": published,
    }


SYSTEMS: dict[str, Callable[[GoldPage], Output]] = {
    "trafilatura": run_trafilatura,
    "readability": run_readability,
    "cleannews": run_cleannews,
    "noisy-text": run_noisy,
    "cleannews-text": run_cleannews_text,
}
#: Systems whose output does not depend on this repository: cached by library version.
CACHED = {"trafilatura": "trafilatura", "readability": "readability", "noisy-text": "trafilatura"}


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version({"readability": "readability-lxml"}.get(module, module))
    except PackageNotFoundError:
        return "missing"


def _cache_path(system: str, page: GoldPage) -> Path | None:
    module = CACHED.get(system)
    if module is None:
        return None
    digest = hashlib.sha256(page.html).hexdigest()[:12]
    return CACHE / f"{system}-{_version(module)}" / page.corpus / f"{page.id}-{digest}.json"


def run_system(system: str, page: GoldPage) -> Output:
    path = _cache_path(system, page)
    if path is not None and path.exists():
        cached: Output = json.loads(path.read_text(encoding="utf-8"))
        return cached
    output = SYSTEMS[system](page)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(output), encoding="utf-8")
        os.replace(tmp, path)
    return output


def _work(job: tuple[GoldPage, tuple[str, ...]]) -> tuple[str, dict[str, Output]]:
    page, systems = job
    return page.key, {s: run_system(s, page) for s in systems}


# --- scoring ---------------------------------------------------------------------------


def snippet_rates(page: GoldPage, body: str) -> tuple[float | None, float | None]:
    """Share of the page's must-have snippets found in ``body``, and of its must-not ones."""
    text = " ".join(body.split())

    def share(snippets: tuple[str, ...]) -> float | None:
        found = [" ".join(s.split()) in text for s in snippets if s.strip()]
        return sum(found) / len(found) if found else None

    return share(page.must), share(page.must_not)


def page_result(page: GoldPage, output: Output) -> dict[str, Any]:
    body = output["body"]
    must, must_not = snippet_rates(page, body)
    return {
        "pair": page_scores(body, page.body),
        "fields": score_fields(page, output),
        "must": must,
        "must_not": must_not,
    }


def groups_of(page: GoldPage) -> list[tuple[str, str, str]]:
    """The report rows a page counts in: (corpus, split, page type), with 'all' rollups."""
    rows = [(page.corpus, "all", "all")]
    if page.corpus == "wcxb":
        rows += [
            (page.corpus, page.split, "all"),
            (page.corpus, page.split, page.page_type),
        ]
    return rows


def _mean(values: Iterable[bool | float | None]) -> float | None:
    got = [float(v) for v in values if v is not None]
    return sum(got) / len(got) if got else None


def summarise(results: dict[str, dict[str, dict[str, Any]]], pages: Sequence[GoldPage]) -> dict:
    """Figures per (corpus, split, type) row and system."""
    rows: dict[tuple[str, str, str], list[GoldPage]] = defaultdict(list)
    for page in pages:
        for row in groups_of(page):
            rows[row].append(page)
    table: dict[str, Any] = {}
    for (corpus, split, kind), members in sorted(rows.items(), key=_row_order):
        cells: dict[str, Any] = {}
        for system in results:
            got = [results[system][p.key] for p in members if p.key in results[system]]
            f1, p, r = aggregate(g["pair"] for g in got)
            cells[system] = {
                "f1": f1,
                "precision": p,
                "recall": r,
                "must": _mean(g["must"] for g in got),
                "must_not": _mean(g["must_not"] for g in got),
                **{f: _mean(g["fields"][f] for g in got) for f in FIELD_NAMES},
                **{f"{f}_pages": sum(g["fields"][f] is not None for g in got) for f in FIELD_NAMES},
            }
        table[f"{corpus}/{split}/{kind}"] = {"pages": len(members), "systems": cells}
    return table


def _row_order(item: tuple[tuple[str, str, str], list[GoldPage]]) -> tuple[int, int, int, str]:
    corpus, split, kind = item[0]
    splits = {"all": 0, "dev": 1, "held-out": 2}
    return CORPORA.index(corpus), splits.get(split, 3), kind != "all", kind


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def format_table(table: dict[str, Any], systems: Sequence[str]) -> list[str]:
    lines = ["body: shingle F1 (P/R) per system; d = cleannews - best other system's F1"]
    head = f"{'corpus/split/type':<30}{'pages':>6}" + "".join(f"  {s:>22}" for s in systems)
    lines.append(head + "       d")
    for name, row in table.items():
        cells = row["systems"]
        text = f"{name:<30}{row['pages']:>6}"
        for s in systems:
            c = cells[s]
            text += f"  {_fmt(c['f1'])} ({_fmt(c['precision'])}/{_fmt(c['recall'])})"
        lines.append(text + _delta(cells, systems))
    lines.append("")
    lines.append("metadata: title exact, title without site segments, authors, date (same day)")
    lines.append(f"{'corpus/split/type':<30}{'pages':>6}" + "".join(f"  {s:>23}" for s in systems))
    for name, row in table.items():
        cells = row["systems"]
        if not any(cells[s]["title_pages"] for s in systems):
            continue
        text = f"{name:<30}{row['pages']:>6}"
        for s in systems:
            text += "  " + " ".join(_fmt(cells[s][f]) for f in FIELD_NAMES)
        lines.append(text)
    lines.append("")
    lines.append("wcxb snippets: share of must-have snippets kept / of must-not snippets kept")
    for name, row in table.items():
        if not name.startswith("wcxb"):
            continue
        cells = row["systems"]
        text = f"{name:<30}{row['pages']:>6}"
        for s in systems:
            text += f"  {_fmt(cells[s]['must'])}/{_fmt(cells[s]['must_not'])}      "
        lines.append(text.rstrip())
    return lines


def _delta(cells: dict[str, Any], systems: Sequence[str]) -> str:
    if "cleannews" not in cells:
        return ""
    others = [cells[s]["f1"] for s in systems if not s.startswith(("cleannews", "noisy"))]
    if not others:
        return ""
    return f"  {cells['cleannews']['f1'] - max(others):+.3f}"


def format_worst(
    results: dict[str, dict[str, dict[str, Any]]],
    pages: Sequence[GoldPage],
    n: int,
    against: str = "trafilatura",
) -> list[str]:
    """The dev pages where cleannews loses most F1 against ``against`` (never held-out)."""
    visible = [p for p in pages if not p.held_out]
    base = results.get(against, {})

    def loss(p: GoldPage) -> float:
        own = page_f1(results["cleannews"][p.key]["pair"])
        return own - page_f1(base[p.key]["pair"]) if p.key in base else own

    lines = [f"\n{n} dev pages where cleannews trails {against} most (F1 cleannews / {against})"]
    for p in sorted(visible, key=lambda p: (loss(p), p.key))[:n]:
        other = page_f1(base[p.key]["pair"]) if p.key in base else float("nan")
        own = page_f1(results["cleannews"][p.key]["pair"])
        lines.append(f"  {p.key:<40} {p.page_type:<14} {own:.3f} / {other:.3f}")
    return lines


def dump(directory: Path, pages: Sequence[GoldPage], outputs: dict[str, dict[str, Output]]) -> None:
    """Gold and every system's body per dev page (held-out pages are never written)."""
    for page in pages:
        if page.held_out:
            continue
        folder = directory / page.corpus
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{page.id}.gold.txt").write_text(page.body, encoding="utf-8")
        for system, output in outputs.items():
            if page.key in output:
                text = output[page.key]["body"]
                (folder / f"{page.id}.{system}.txt").write_text(text, encoding="utf-8")


def available_systems(text: bool) -> list[str]:
    systems = ["trafilatura"]
    try:
        import readability  # noqa: F401

        systems.append("readability")
    except ImportError:
        print("readability-lxml is not installed: its column is left out", file=sys.stderr)
    systems.append("cleannews")
    if text:
        systems += ["noisy-text", "cleannews-text"]
    return systems


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="all", choices=("all", *CORPORA))
    ap.add_argument("--text", action="store_true", help="also score the text path")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--worst", type=int, default=0, metavar="N")
    ap.add_argument("--dump", type=Path, default=None, metavar="DIR")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    ap.add_argument("--systems", default=None, help="comma-separated subset of the systems")
    args = ap.parse_args(argv)
    corpora = CORPORA if args.set == "all" else (args.set,)
    pages = [p for c in corpora for p in load(c)[: args.limit]]
    systems = available_systems(args.text)
    if args.systems:
        systems = [s for s in systems if s in args.systems.split(",")]
    jobs = [(p, tuple(systems)) for p in pages]
    outputs: dict[str, dict[str, Output]] = {s: {} for s in systems}
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            done = pool.imap_unordered(_work, jobs, chunksize=4)
            for key, per_system in done:
                for s, out in per_system.items():
                    outputs[s][key] = out
    else:
        for key, per_system in map(_work, jobs):
            for s, out in per_system.items():
                outputs[s][key] = out
    by_key = {p.key: p for p in pages}
    results = {
        s: {k: page_result(by_key[k], o) for k, o in outs.items()} for s, outs in outputs.items()
    }
    table = summarise(results, pages)
    print("\n".join(format_table(table, systems)))
    if args.worst:
        print("\n".join(format_worst(results, pages, args.worst)))
    if args.dump:
        dump(args.dump, pages, outputs)
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
