"""Quality benchmark of cleannews on the ScrapingHub article-extraction set.

Two questions, answered side by side in one run so the numbers are comparable:

* text mode: does ``cleannews.clean`` improve a high-recall, noisy extraction
  (trafilatura with ``favor_recall=True`` and comments/tables kept)?
* html mode: how does ``cleannews.clean`` on raw HTML compare with plain
  ``trafilatura.extract``?

``--set multilingual`` runs the same comparisons on the hand-made multilingual set in
``multilingual/`` (30 pages in ten languages) and adds a per-language table and the
accuracy of the title, authors, date and language fields.

Run ``python benchmarks/quality.py --help``; the metric is in ``metric.py`` and
the usage is documented in ``README.md`` next to this file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any, TypeVar

import trafilatura

try:  # ``python -m benchmarks.quality`` from the repo root
    from benchmarks.metric import PagePair, aggregate, page_f1, page_scores
except ImportError:  # ``python benchmarks/quality.py``
    from metric import PagePair, aggregate, page_f1, page_scores

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "bench" / "scrapinghub"
MULTILINGUAL_DATA = BENCH_DIR / "multilingual"
SETS = {"scrapinghub": DEFAULT_DATA, "multilingual": MULTILINGUAL_DATA}
CACHE_ROOT = BENCH_DIR / ".cache"
FIELDS = ("title", "authors", "published", "language")

# A cleaner returns its raw result (the Article, or a str for the identity switch); only the
# call is timed, and ``body_of`` / ``fields_of`` read the result afterwards.
Cleaner = Callable[[str | bytes], Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One benchmark page: raw gzipped-HTML bytes and the gold article body.

    The multilingual set adds the page's language and its golden field record
    (``<id>.expected.json``), and keys the text cache by content because its pages are
    regenerated in place (``content_keyed``).
    """

    id: str
    html: bytes
    gold: str
    language: str | None = None
    expected: dict[str, Any] | None = None
    content_keyed: bool = False

    @property
    def html_text(self) -> str:
        """Return the HTML as str for trafilatura; a stray byte must not abort a run."""
        return self.html.decode("utf-8", errors="replace")


@dataclass
class SystemRun:
    """Scores and timings of one system in one mode."""

    label: str
    timed_what: str
    pairs: dict[str, PagePair] = field(default_factory=dict)
    ms: list[float] = field(default_factory=list)
    empty: int = 0
    fields: dict[str, dict[str, bool]] = field(default_factory=dict)

    def record(self, page: Page, output: str) -> None:
        """Score ``output`` against the page's gold and remember the pair."""
        pair = page_scores(output, page.gold)
        self.pairs[page.id] = pair
        self.empty += pair[0] is None

    def record_fields(self, page: Page, got: dict[str, Any] | None) -> None:
        """Compare the cleaner's fields with the page's golden record, when both exist."""
        if page.expected is not None and got is not None:
            self.fields[page.id] = {f: got[f] == page.expected[f] for f in FIELDS}

    def summary(self) -> dict[str, Any]:
        """Return the figures for the table and the JSON report."""
        f1, p, r = aggregate(self.pairs.values())
        return {
            "f1": f1,
            "precision": p,
            "recall": r,
            "pages": len(self.pairs),
            "empty_predictions": self.empty,
            "timed": self.timed_what,
            "timed_pages": len(self.ms),
            "ms_median": statistics.median(self.ms) if self.ms else None,
            "ms_mean": statistics.fmean(self.ms) if self.ms else None,
        }


@dataclass
class ModeRun:
    """A mode's baseline and cleaner results, compared page by page."""

    mode: str
    baseline: SystemRun
    cleaned: SystemRun


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    """Call ``fn`` and return its result with the wall time in milliseconds."""
    start = perf_counter()
    result = fn(*args, **kwargs)
    return result, (perf_counter() - start) * 1000.0


def load_pages(data: Path, limit: int | None, multilingual: bool = False) -> list[Page]:
    """Read the first ``limit`` pages (sorted ids) so partial runs are reproducible."""
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit is not None else sorted(gold)

    def page(i: str) -> Page:
        html = gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes())
        if not multilingual:
            return Page(i, html, gold[i]["articleBody"])
        return Page(
            i,
            html,
            gold[i]["articleBody"],
            language=gold[i]["language"],
            expected=load_expected(data / f"{i}.expected.json"),
            content_keyed=True,
        )

    return [page(i) for i in ids]


def load_expected(path: Path) -> dict[str, Any] | None:
    """Read a page's golden field record, if the set has one."""
    if not path.exists():
        return None
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def load_cleaner(name: str) -> Cleaner:
    """Return the cleaning callable; imports cleannews lazily so dev runs work without it."""
    if name == "identity":
        return lambda t: t.decode("utf-8", errors="replace") if isinstance(t, bytes) else t
    try:
        import cleannews
    except ImportError:  # not installed: use the working tree's src layout
        sys.path.insert(0, str(REPO_ROOT / "src"))
        import cleannews
    if not hasattr(cleannews, "clean"):  # the library is still being written
        raise SystemExit("cleannews.clean is not available yet; try --cleaner identity")
    return cleannews.clean


def body_of(result: Any) -> str:
    """The body text of a cleaner's result (the identity switch returns the text itself)."""
    return result if isinstance(result, str) else str(result.body)


def fields_of(result: Any) -> dict[str, Any] | None:
    """The fields the golden records check, as JSON-like values; ``None`` for plain text."""
    if isinstance(result, str):
        return None
    published = result.published.isoformat()[:10] if result.published is not None else None
    return {
        "title": result.title,
        "authors": list(result.authors),
        "published": published,
        "language": result.language,
    }


def noisy_extract(html: str) -> str:
    """Extract with high recall: this noisy text is what cleannews must clean."""
    text = trafilatura.extract(
        html, favor_recall=True, include_comments=True, include_tables=True, deduplicate=False
    )
    return text or ""


def baseline_extract(html: str) -> str:
    """Extract with plain trafilatura, the reference the html mode must beat."""
    return trafilatura.extract(html, include_comments=False) or ""


def cache_dir(use_cache: bool, subdir: str | None = None) -> Path | None:
    """Return the per-version cache directory, so a trafilatura upgrade never reuses stale text."""
    if not use_cache:
        return None
    root = CACHE_ROOT / f"text-{trafilatura.__version__}"
    return root / subdir if subdir else root


def cache_name(page: Page) -> str:
    """The cache file of a page; content-keyed pages are named after a hash of their HTML."""
    if page.content_keyed:
        return f"{page.id}-{hashlib.sha256(page.html).hexdigest()[:16]}.txt"
    return f"{page.id}.txt"


def noisy_text(page: Page, cache: Path | None) -> tuple[str, float | None]:
    """Return the noisy text of ``page`` and its extraction time (``None`` when read from cache).

    Bytes, not text mode, are used for the cache so no newline translation can
    make a cached run score differently from a fresh one.
    """
    path = cache / cache_name(page) if cache else None
    if path is not None and path.exists():
        return path.read_bytes().decode("utf-8"), None
    text, ms = timed(noisy_extract, page.html_text)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(text.encode("utf-8"))
        os.replace(tmp, path)  # atomic: an interrupted run leaves no truncated entry
    return text, ms


def dump(dump_dir: Path | None, page: Page, files: dict[str, str]) -> None:
    """Write gold and system outputs side by side so a person can diff them."""
    if dump_dir is None:
        return
    dump_dir.mkdir(parents=True, exist_ok=True)
    for suffix, text in {"gold": page.gold, **files}.items():
        (dump_dir / f"{page.id}.{suffix}.txt").write_text(text, encoding="utf-8")


def warm_up(pages: Sequence[Page], fns: Sequence[Callable[[Any], Any]]) -> None:
    """Run each system once untimed so one-off setup does not skew the timings.

    Once per language on the multilingual set, since each language loads its own rule
    packs on first use (the ScrapingHub pages carry no language: its first page only).
    """
    first: dict[str | None, Page] = {}
    for page in pages:
        first.setdefault(page.language, page)
    for page in first.values():
        for fn in fns:
            fn(page.html_text)


def run_text(
    pages: Sequence[Page], cleaner: Cleaner, label: str, cache: Path | None, dump_dir: Path | None
) -> ModeRun:
    """Score the noisy text uncleaned and cleaned, timing extraction and cleaning apart."""
    noisy_run = SystemRun("uncleaned", "extract")
    clean_run = SystemRun(label, "clean")
    warm_up(pages, [noisy_extract, cleaner])
    for page in pages:
        noisy, extract_ms = noisy_text(page, cache)
        result, clean_ms = timed(cleaner, noisy)
        cleaned = body_of(result)
        if extract_ms is not None:
            noisy_run.ms.append(extract_ms)
        clean_run.ms.append(clean_ms)
        noisy_run.record(page, noisy)
        clean_run.record(page, cleaned)
        clean_run.record_fields(page, fields_of(result))
        dump(dump_dir, page, {"noisy": noisy, "clean": cleaned})
    return ModeRun("text", noisy_run, clean_run)


def run_html(pages: Sequence[Page], cleaner: Cleaner, label: str, dump_dir: Path | None) -> ModeRun:
    """Score cleannews on raw HTML bytes against plain trafilatura on the same pages."""
    base_run = SystemRun("trafilatura", "extract")
    clean_run = SystemRun(label, "clean")
    warm_up(pages, [baseline_extract, cleaner])
    for page in pages:
        base, base_ms = timed(baseline_extract, page.html_text)
        result, clean_ms = timed(cleaner, page.html)
        cleaned = body_of(result)
        base_run.ms.append(base_ms)
        clean_run.ms.append(clean_ms)
        base_run.record(page, base)
        clean_run.record(page, cleaned)
        clean_run.record_fields(page, fields_of(result))
        dump(dump_dir, page, {"html-trafilatura": base, "html-clean": cleaned})
    return ModeRun("html", base_run, clean_run)


def format_row(mode: str, run: SystemRun) -> str:
    """Format one compact table line: scores, page count and timing of a system."""
    s = run.summary()
    pages = f"(pages {s['pages']}" + (f", {s['empty_predictions']} empty)" if run.empty else ")")
    if s["timed_pages"]:
        partial = "" if s["timed_pages"] == s["pages"] else f" over {s['timed_pages']} pages"
        median, mean = s["ms_median"], s["ms_mean"]
        timing = f"{s['timed']:<7} ms median {median:7.2f} mean {mean:7.2f}{partial}"
    else:
        timing = f"{s['timed']:<7} ms n/a (cached; --no-cache to time)"
    return (
        f"{mode:<5} {run.label:<11} F1 {s['f1']:.3f} P {s['precision']:.3f} "
        f"R {s['recall']:.3f}   {pages:<20} {timing}"
    )


def format_worst(run: ModeRun, n: int) -> list[str]:
    """List the ``n`` pages where the cleaner's F1 is lowest, with the baseline beside it."""
    ids = sorted(run.cleaned.pairs, key=lambda i: (page_f1(run.cleaned.pairs[i]), i))[:n]

    def cells(pair: PagePair) -> str:
        p, r = pair
        return " ".join(f"{x:.3f}" if x is not None else "  -  " for x in (p, r, page_f1(pair)))

    lines = [
        f"\nworst {len(ids)} pages by {run.cleaned.label} F1 ({run.mode} mode)",
        f"{'id':<64}  {run.cleaned.label + ' P/R/F1':<17}  {run.baseline.label} P/R/F1",
    ]
    lines += [
        f"{i:<64}  {cells(run.cleaned.pairs[i])}  {cells(run.baseline.pairs[i])}" for i in ids
    ]
    return lines


def language_groups(pages: Sequence[Page]) -> dict[str, list[str]]:
    """Page ids per language, languages in alphabetical order."""
    groups: dict[str, list[str]] = {}
    for page in pages:
        groups.setdefault(page.language or "?", []).append(page.id)
    return dict(sorted(groups.items()))


def scores_of(run: SystemRun, ids: Sequence[str]) -> tuple[float, float, float]:
    """F1, P and R of ``run`` over the pages ``ids``, aggregated as the benchmark defines it."""
    return aggregate(run.pairs[i] for i in ids if i in run.pairs)


def format_languages(runs: Sequence[ModeRun], groups: dict[str, list[str]]) -> list[str]:
    """One line per language: F1/P/R of every system, then the cleaner's F1 gain per mode."""
    systems = [(r.mode, s) for r in runs for s in (r.baseline, r.cleaned)]
    head = f"{'':<10}" + "".join(f"  {f'{m} {s.label}':<17}" for m, s in systems)
    head += "".join(f"  {'d' + r.mode:>6}" for r in runs)
    sub = f"{'lang':<5}{'pages':>5}" + "  F1    P     R    " * len(systems)
    sub = sub.rstrip() + "".join(f"  {'F1':>6}" for _ in runs)
    lines = ["\nper language", head, sub]
    all_ids = [i for ids in groups.values() for i in ids]
    for lang, ids in [*groups.items(), ("all", all_ids)]:
        cells = "".join("  {:.3f} {:.3f} {:.3f}".format(*scores_of(s, ids)) for _, s in systems)
        gains = "".join(
            f"  {scores_of(r.cleaned, ids)[0] - scores_of(r.baseline, ids)[0]:+6.3f}" for r in runs
        )
        lines.append(f"{lang:<5}{len(ids):>5}{cells}{gains}")
    return lines


def field_counts(run: SystemRun, ids: Sequence[str]) -> dict[str, int]:
    """How many of ``ids`` have each field exactly right (pages without a record left out)."""
    checked = [run.fields[i] for i in ids if i in run.fields]
    return {"pages": len(checked), **{f: sum(c[f] for c in checked) for f in FIELDS}}


def format_fields(runs: Sequence[ModeRun], groups: dict[str, list[str]]) -> list[str]:
    """Pages with the exact golden title, authors, date and language, per language and mode."""
    runs = [r for r in runs if r.cleaned.fields]
    if not runs:
        return []
    short = ("title", "auth", "date", "lang")
    head = f"{'':<10}" + "".join(f"  {f'{r.mode} {r.cleaned.label}':<23}" for r in runs)
    sub = f"{'lang':<5}{'pages':>5}" + ("  " + " ".join(f"{x:<5}" for x in short)) * len(runs)
    title = "fields: pages with the exact golden value (title, authors, published date, language)"
    lines = ["\n" + title, head.rstrip(), sub.rstrip()]
    all_ids = [i for ids in groups.values() for i in ids]
    for lang, ids in [*groups.items(), ("all", all_ids)]:
        cells = ""
        for r in runs:
            c = field_counts(r.cleaned, ids)
            n = c["pages"]
            if lang == "all":
                cells += "  " + " ".join(f"{c[f] / n if n else 0:<5.3f}" for f in FIELDS)
            else:
                cells += "  " + " ".join(f"{f'{c[f]}/{n}':<5}" for f in FIELDS)
        lines.append(f"{lang:<5}{len(ids):>5}{cells}".rstrip())
    return lines


def summary_json(runs: Sequence[ModeRun], args: argparse.Namespace, n_pages: int) -> dict[str, Any]:
    """Return machine-readable figures, e.g. for tracking the benchmark across commits."""
    return {
        "data": str(args.data),
        "pages": n_pages,
        "cleaner": args.cleaner,
        "trafilatura": trafilatura.__version__,
        "modes": {r.mode: {s.label: s.summary() for s in (r.baseline, r.cleaned)} for r in runs},
    }


def multilingual_json(runs: Sequence[ModeRun], pages: Sequence[Page]) -> dict[str, Any]:
    """Per-language scores and field accuracy, added to the JSON report of the multilingual set."""
    groups = language_groups(pages)

    def figures(run: SystemRun, ids: Sequence[str]) -> dict[str, float]:
        f1, p, r = scores_of(run, ids)
        return {"f1": f1, "precision": p, "recall": r}

    languages = {
        lang: {
            "pages": len(ids),
            "modes": {
                r.mode: {s.label: figures(s, ids) for s in (r.baseline, r.cleaned)} for r in runs
            },
            "fields": {r.mode: field_counts(r.cleaned, ids) for r in runs if r.cleaned.fields},
        }
        for lang, ids in groups.items()
    }
    all_ids = [p.id for p in pages]
    fields = {}
    for r in runs:
        if r.cleaned.fields:
            c = field_counts(r.cleaned, all_ids)
            n = c["pages"]
            fields[r.mode] = {"pages": n, **{f: c[f] / n if n else 0.0 for f in FIELDS}}
    return {"set": "multilingual", "languages": languages, "fields": fields}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; ``--cleaner`` is a hidden dev switch."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=None,
        help="benchmark directory with html/ and ground-truth.json (default: "
        "../shared/bench/scrapinghub from the repo root, or benchmarks/multilingual "
        "with --set multilingual)",
    )
    ap.add_argument(
        "--set",
        choices=(*SETS, *SCOREBOARD_SETS),
        default="scrapinghub",
        help="which page set: scrapinghub (default) or multilingual (adds a per-language "
        "table and field accuracy against <id>.expected.json); all, wcxb or readability "
        "run scoreboard.py (every dev corpus, metadata, page types, the held-out split)",
    )
    ap.add_argument("--mode", choices=("text", "html", "both"), default="both")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted ids)")
    ap.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="list the N pages with the lowest cleannews F1",
    )
    ap.add_argument(
        "--dump",
        type=Path,
        default=None,
        metavar="DIR",
        help="write gold/noisy/clean texts per page into DIR",
    )
    ap.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="write the summary figures as JSON"
    )
    ap.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="recompute (and do not store) the noisy texts of the text mode",
    )
    ap.add_argument(
        "--cleaner", choices=("cleannews", "identity"), default="cleannews", help=argparse.SUPPRESS
    )
    return ap.parse_args(argv)


#: Sets scored by ``scoreboard.py``: every dev corpus, metadata and page types included.
SCOREBOARD_SETS = ("all", "wcxb", "readability")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected modes, print the table and optional reports."""
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--set"), None)
    if chosen in SCOREBOARD_SETS:  # every dev corpus: body, metadata, held-out split
        try:
            from benchmarks import scoreboard
        except ImportError:
            import scoreboard  # type: ignore[no-redef]
        return scoreboard.main(argv)
    args = parse_args(argv)
    multilingual = args.set == "multilingual"
    if args.data is None:
        args.data = SETS[args.set].resolve()
    pages = load_pages(args.data, args.limit, multilingual)
    cleaner = load_cleaner(args.cleaner)
    runs: list[ModeRun] = []
    if args.mode in ("text", "both"):
        cache = cache_dir(args.cache, "multilingual" if multilingual else None)
        runs.append(run_text(pages, cleaner, args.cleaner, cache, args.dump))
    if args.mode in ("html", "both"):
        runs.append(run_html(pages, cleaner, args.cleaner, args.dump))
    for run in runs:
        print(format_row(run.mode, run.baseline))
        print(format_row(run.mode, run.cleaned))
    if multilingual:
        groups = language_groups(pages)
        print("\n".join(format_languages(runs, groups) + format_fields(runs, groups)))
    for run in runs if args.worst else ():
        print("\n".join(format_worst(run, args.worst)))
    if args.json is not None:
        report = summary_json(runs, args, len(pages))
        if multilingual:
            report.update(multilingual_json(runs, pages))
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
