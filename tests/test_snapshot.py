"""`benchmarks/snapshot.py`: the same code writes the same bytes, and `compare` names every
changed input (held-out pages only as a count)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import snapshot

PAGES = [
    snapshot.Input("text/demo/a", "text", False, "Headline Here\n\nBy Jane Doe\n\nAdvertisement\n\n"
                   "The council met on Monday and agreed the budget after a long debate."),
    snapshot.Input("html/demo/b", "html", False, "<html><body><p>The council met on Monday and "
                   "agreed the budget.</p><div class='footer'>Contact us</div></body></html>"),
    snapshot.Input("text/demo/c", "text", True, "A held-out page.\n\nAdvertisement"),
]  # fmt: skip


def _fake_inputs(pages: list[snapshot.Input]):  # type: ignore[no-untyped-def]
    def inputs(corpora: Sequence[str], modes: Sequence[str], limit: int | None) -> Iterator:
        yield from pages

    return inputs


def test_writes_the_same_bytes_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "inputs", _fake_inputs(PAGES))
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert snapshot.write(first, [], [], None) == 3
    snapshot.write(second, [], [], None)
    assert first.read_bytes() == second.read_bytes()
    lines = snapshot.read(first)
    assert sorted(lines) == ["html/demo/b", "text/demo/a", "text/demo/c"]
    assert lines["text/demo/a"]["record"]["removed"][-1]["rule"] == "advertisement-label"
    assert lines["text/demo/c"]["held_out"] is True


def test_compare_names_changed_inputs_and_counts_held_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "inputs", _fake_inputs(PAGES))
    before = tmp_path / "before.jsonl"
    snapshot.write(before, [], [], None)
    changed = [
        PAGES[0],
        snapshot.Input(
            "html/demo/b", "html", False, "<html><body><p>Other text.</p></body></html>"
        ),
        snapshot.Input("text/demo/c", "text", True, "Another held-out page."),
        snapshot.Input("text/demo/d", "text", False, "New page."),
    ]
    monkeypatch.setattr(snapshot, "inputs", _fake_inputs(changed))
    after = tmp_path / "after.jsonl"
    snapshot.write(after, [], [], None)
    old, new = snapshot.read(before), snapshot.read(after)
    result = snapshot.compare(old, new)
    assert result.changed == ("html/demo/b",)
    assert result.held_out_changed == 1
    assert result.only_after == ("text/demo/d",)
    assert not result.identical
    lines = snapshot.report(result, old, new)
    assert lines[0].startswith("compared 3 inputs: 1 changed, 1 held-out changed")
    assert lines[1] == "changed html/demo/b: body, language, paragraphs, removed"
    assert "text/demo/c" not in "\n".join(lines)
    assert snapshot.compare(old, old).identical


def test_compare_can_leave_out_an_added_key(tmp_path: Path) -> None:
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text('{"id": "a", "record": {"removed": [{"rule": "x"}]}}\n', "utf-8")
    after.write_text('{"id": "a", "record": {"removed": [{"rule": "x", "new": 1}]}}\n', "utf-8")
    assert snapshot.compare(snapshot.read(before), snapshot.read(after)).changed == ("a",)
    ignored = frozenset({"new"})
    assert snapshot.compare(snapshot.read(before, ignored), snapshot.read(after, ignored)).identical
