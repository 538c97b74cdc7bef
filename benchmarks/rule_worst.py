"""Worst-case cost per line of every built-in rule, found by mutation search.

In the manner of the red team (issue 18): for each rule, start from its own examples and
from runs of the words and characters of its pattern, time `fullmatch` on each line
(best of a few runs), keep the slowest lines, and mutate them (repeat a piece, insert a
word of the pattern, duplicate a separator, change the last character so the match
fails at the end), for a fixed number of rounds. Lines are at most `--max-chars` long
(500 by default) and never over the rule's `max_length`, and stripped, as the stages
run them (`--beyond-max-length` lifts that bound, to see what the bound protects).

    python benchmarks/rule_worst.py [--rounds 40] [--rule NAME ...] [--json OUT]

Prints the slowest rules first with their worst line and its time in ms; exits 1 if
any rule is over `--ceiling-ms` (0.5 by default). Deterministic seeds: the same run gives
the same lines (times vary with the machine).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import regex

from cleannews.rules import Rule, all_packs

_WORD = regex.compile(r"\p{L}{2,}")
_GENERIC = (" ", "a", "A", "1", ". ", ", ", ": ", "| ", "/ ", "(", "- ", "\u3000", "\xa0")
_ENDINGS = ("", "!", "0", "\x07", "?", " x")


def pieces(rule: Rule) -> list[str]:
    """Strings a hostile line is made of: the pattern's words and characters, generic ones."""
    found = dict.fromkeys(_GENERIC)
    for word in _WORD.findall(rule.pattern):
        for form in (word, word.capitalize(), word + " ", word.capitalize() + " "):
            found[form] = None
    for ch in rule.pattern:
        if ch.isprintable() and not ch.isalnum() and ch not in "\\()[]{}?*+^$":
            found[ch] = None
            found[ch + " "] = None
    for example in rule.match:
        found[example + " "] = None
    return list(found)


def cost(pattern: regex.Pattern[str], line: str, runs: int = 3) -> float:
    """Seconds for one `fullmatch` of the line, best of `runs` (at most one timeout)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        try:
            pattern.fullmatch(line, timeout=1.0)
        except TimeoutError:
            return 1.0
        best = min(best, time.perf_counter() - start)
    return best


def mutate(line: str, parts: list[str], rng: random.Random, limit: int) -> str:
    choice = rng.randrange(5)
    if choice == 0 and line:  # repeat a piece of the line
        i = rng.randrange(len(line))
        j = min(len(line), i + rng.randint(1, 12))
        line = line[:j] + line[i:j] * rng.randint(1, 6) + line[j:]
    elif choice == 1:  # insert a piece of the pattern
        i = rng.randrange(len(line) + 1)
        line = line[:i] + rng.choice(parts) * rng.randint(1, 4) + line[i:]
    elif choice == 2 and len(line) > 1:  # delete a stretch
        i = rng.randrange(len(line))
        line = line[:i] + line[i + rng.randint(1, 6) :]
    elif choice == 3:  # a failing end
        line = line.rstrip("!0\x07? x") + rng.choice(_ENDINGS)
    else:  # one piece many times, then a failing end
        line = rng.choice(parts) * rng.randint(2, 60) + rng.choice(_ENDINGS)
    return line[:limit].strip()


def worst_line(rule: Rule, rounds: int, limit: int, seed: int = 0) -> tuple[float, str]:
    """The slowest line found for the rule and its cost in seconds."""
    rng = random.Random(f"{seed}:{rule.name}")
    pattern = rule.compiled()
    parts = pieces(rule)
    pool = [p * max(1, limit // max(1, len(p))) for p in parts[:40]]
    pool = [(line[: limit - 1] + end).strip() for line in pool for end in ("", "!")]
    pool += [m[:limit] for m in rule.match]
    scored = sorted(((cost(pattern, line, 1), line) for line in pool), reverse=True)[:8]
    for _ in range(rounds):
        children = [mutate(line, parts, rng, limit) for _, line in scored for _ in range(3)]
        scored = sorted(
            scored + [(cost(pattern, line, 1), line) for line in children], reverse=True
        )[:8]
    return max((cost(pattern, line), line) for _, line in scored[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--max-chars", type=int, default=500)
    parser.add_argument("--beyond-max-length", action="store_true")
    parser.add_argument("--ceiling-ms", type=float, default=0.5)
    parser.add_argument("--rule", action="append", default=[])
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    rules = [r for p in all_packs(include_plugins=False) for r in p.rules]
    if args.rule:
        rules = [r for r in rules if r.name in args.rule]
    results = []
    for rule in rules:
        limit = args.max_chars if args.beyond_max_length else min(args.max_chars, rule.max_length)
        seconds, line = worst_line(rule, args.rounds, limit)
        results.append({"rule": rule.name, "ms": round(seconds * 1000, 3), "line": line})
    results.sort(key=lambda r: -float(r["ms"]))  # type: ignore[arg-type]
    for r in results[: args.top]:
        print(f"{r['ms']:9.3f} ms  {r['rule']:<28} {str(r['line'])[:70]!r}")
    over = [r for r in results if float(r["ms"]) > args.ceiling_ms]  # type: ignore[arg-type]
    print(f"{len(results)} rules, {len(over)} over {args.ceiling_ms} ms per line")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
