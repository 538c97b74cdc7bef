"""Fuzz `cleannews.clean()` for longer than the test suite does.

    /work/venv/bin/python benchmarks/fuzz.py --seconds 600             # atheris if installed
    /work/venv/bin/python benchmarks/fuzz.py --seconds 600 --hypothesis
    /work/venv/bin/python benchmarks/fuzz.py --seconds 60 --target html

Targets (`--target`, default all): `bytes` (any bytes, decoded by cleannews), `text` (any
str), `html` (random HTML trees from tests/pages.py, and with atheris any str forced to
`kind="html"`), `pages` (generated news-like pages). Every input must give a record whose
JSON is valid, round-trips and encodes as UTF-8, and the accounting must hold
(tests/accounting.py): every line for text and HTML pages alike, and for HTML pages every
text block of the main content and every `<p>` (`assert_blocks_accounted`). A page that
takes more than `--slow` seconds of CPU is reported as a hang candidate.

With atheris (coverage-guided, `pip install atheris`) the run stops after `--seconds` and
crashing inputs are written as `crash-*` files in the working directory. Without it,
hypothesis runs batches with fresh seeds until the time is up (no shrinking: it can take
longer than the run), writes each failing input as it came to `--failures` (a folder,
`<kind>-<hash>.bin`, UTF-8 with surrogates escaped for a str; at most 20 files) and goes
on with the next seed; the last line is a summary: calls, failures by target, hang
candidates (exit 1 if anything failed).
tests/test_guarantees.py runs the same checks for ~20 s in every test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "tests"))

import cleannews  # noqa: E402
from accounting import assert_blocks_accounted  # noqa: E402
from cleannews import Article  # noqa: E402

TARGETS = ("bytes", "text", "html", "pages")
SLOW = 5.0
CALLS = {"checks": 0, "hang candidates": 0}
MAX_SAVED = 20
#: Where failing inputs are written (None: nowhere).
FAILURES: dict[str, Path | None] = {"folder": None}


def save_failure(page: str | bytes, kind: str | None) -> None:
    """Write a failing input as it came, so it can be cleaned again and minimised."""
    folder = FAILURES["folder"]
    if folder is None:
        return
    data = page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass")
    path = folder / f"{kind or 'auto'}-{hashlib.sha1(data).hexdigest()[:16]}.bin"
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists() and len(list(folder.glob("*.bin"))) < MAX_SAVED:
        path.write_bytes(data)
        print(f"failing input written to {path}", flush=True)


def check(page: str | bytes, kind: str | None = None, slow: float = SLOW) -> None:
    """The fuzz oracle, with each failing input written to the failures folder."""
    try:
        _check(page, kind, slow)
    except Exception:
        save_failure(page, kind)
        raise


def _check(page: str | bytes, kind: str | None, slow: float) -> None:
    """The fuzz oracle: a valid record, the accounting, and no hang."""
    CALLS["checks"] += 1
    start, start_cpu = time.perf_counter(), time.process_time()
    article = cleannews.clean(page, kind=kind)
    took, wall = time.process_time() - start_cpu, time.perf_counter() - start
    if took > slow:  # CPU time: on a shared machine, wall time says more about the others
        CALLS["hang candidates"] += 1
        print(f"HANG CANDIDATE ({took:.1f} s CPU, {wall:.1f} s wall): {page[:200]!r}", flush=True)
    text = article.to_json()
    text.encode("utf-8")
    assert json.loads(text) == article.to_dict()
    assert Article.from_dict(article.to_dict()) == article
    assert_blocks_accounted(page, kind=kind)


def run_atheris(targets: list[str], seconds: int, slow: float) -> int:
    import atheris

    from pages import html_pages, pages  # noqa: F401  (imported before instrumentation)

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        target = targets[fdp.ConsumeIntInRange(0, len(targets) - 1)]
        if target == "bytes":
            check(fdp.ConsumeBytes(fdp.remaining_bytes()), slow=slow)
        elif target == "html":
            check(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()), kind="html", slow=slow)
        else:  # text and pages: any str, surrogates included
            check(fdp.ConsumeUnicode(fdp.remaining_bytes()), slow=slow)

    atheris.instrument_all()
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=8192"], one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(targets: list[str], seconds: int, slow: float) -> int:
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    from pages import html_pages, pages

    strategies = {
        "bytes": st.binary(max_size=4000).map(lambda b: (b, None)),
        "text": st.text(alphabet=st.characters(exclude_categories=()), max_size=2000).map(
            lambda t: (t, None)
        ),
        "html": html_pages().map(lambda h: (h, "html")),
        "pages": pages().map(lambda p: (p, None)),
    }
    deadline = time.monotonic() + seconds
    batch, examples = 0, 0
    failures: dict[str, list[str]] = {target: [] for target in targets}
    while time.monotonic() < deadline:
        for target in targets:

            @seed(batch)
            @settings(
                max_examples=200, deadline=None, database=None,
                suppress_health_check=list(HealthCheck), phases=[Phase.generate],
            )  # fmt: skip
            @given(strategies[target])
            def fuzz(case: tuple[str | bytes, str | None]) -> None:
                check(case[0], kind=case[1], slow=slow)

            try:
                fuzz()
            except Exception as exc:  # hypothesis has shrunk it and printed the example
                print(f"FOUND in target {target!r} (seed {batch}): {exc!r}", flush=True)
                failures[target].append(f"seed {batch}: {type(exc).__name__}")
            examples += 200
        batch += 1
        found = sum(len(f) for f in failures.values())
        print(f"{examples} examples, {CALLS['checks']} calls, {found} failing batches", flush=True)
    found = sum(len(f) for f in failures.values())
    print(
        f"SUMMARY: {seconds} s, targets {','.join(targets)}, {CALLS['checks']} calls, "
        f"{batch} batches of 200 examples per target, "
        f"failing batches {found} {failures}, hang candidates {CALLS['hang candidates']}",
        flush=True,
    )
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--target", choices=(*TARGETS, "all"), default="all")
    ap.add_argument("--hypothesis", action="store_true", help="do not use atheris")
    ap.add_argument("--slow", type=float, default=SLOW, help="report pages slower than this")
    ap.add_argument(
        "--failures", type=Path, default=None, help="folder for failing inputs (hypothesis)"
    )
    args = ap.parse_args(argv)
    FAILURES["folder"] = args.failures
    targets = list(TARGETS) if args.target == "all" else [args.target]
    if not args.hypothesis:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: using hypothesis", flush=True)
        else:
            return run_atheris(targets, args.seconds, args.slow)
    return run_hypothesis(targets, args.seconds, args.slow)


if __name__ == "__main__":
    raise SystemExit(main())
