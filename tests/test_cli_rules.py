"""`cleannews rules list|test`, `cleannews explain --html`, and third-party rule packs."""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import cleannews.rules as rules_module
from cleannews.cli import main
from cleannews.rules import RulePack, all_packs, pack_from_toml

SEED = Path(__file__).parent / "fixtures" / "seeds" / "003_745dc2c462cbdfbb.txt"

PLUGIN_TOML = """
[pack]
name = "acme"
description = "ACME Corp's own site furniture"

[[rules]]
name = "acme-promo"
stage = "boilerplate"
tag = "remove"
description = "ACME's in-house promo line."
pattern = '''get\\s+the\\s+acme\\s+briefing.{0,80}'''
match = ["Get the ACME briefing every morning"]
no_match = ["Analysts expect the ACME briefing to move markets on Tuesday morning."]
"""


def test_rules_list_shows_every_rule_with_pack_stage_and_description(capsys):
    assert main(["rules", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    names = {row["name"] for row in rows}
    packs = all_packs(include_plugins=False)
    assert {r.name for p in packs for r in p.rules} <= names
    assert {"teaser", "fact-box-duplicate", "html-comments", "byline"} <= names  # code rules
    row = next(r for r in rows if r["name"] == "comments-heading")
    assert row == {
        "pack": "en",
        "stage": "boilerplate",
        "tag": "remove",
        "name": "comments-heading",
        "languages": ["en"],
        "description": row["description"],
    }
    assert row["description"]


def test_rules_list_filters_by_pack(capsys):
    assert main(["rules", "list", "--pack", "neutral"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("neutral ") for line in lines)


def test_rules_test_runs_the_examples_and_reports_counts(capsys):
    assert main(["rules", "test", "neutral"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    pack = next(p for p in all_packs() if p.name == "neutral")
    examples = sum(len(r.match) + len(r.no_match) for r in pack.rules)
    assert out == [f"{examples} passed, 0 failed ({len(pack.rules)} rules in 1 packs)"]


def test_rules_test_fails_and_names_a_broken_example(monkeypatch, capsys):
    broken = pack_from_toml(PLUGIN_TOML.replace("every morning", "every morning!!" + "x" * 90))
    monkeypatch.setattr(rules_module, "plugin_packs", lambda: (broken,))
    assert main(["rules", "test", "acme"]) == 1
    assert "acme/acme-promo: should match" in capsys.readouterr().out


def test_unknown_pack_is_a_usage_error(capsys):
    assert main(["rules", "test", "no-such-pack"]) == 2
    assert "unknown pack" in capsys.readouterr().err


def test_third_party_pack_is_found_through_its_entry_point(monkeypatch, tmp_path):
    path = tmp_path / "acme.toml"
    path.write_text(PLUGIN_TOML, "utf-8")
    holder = tmp_path / "acme_rules.py"
    holder.write_text(f"PACK = {str(path)!r}\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    entry = EntryPoint(name="acme", value="acme_rules:PACK", group="cleannews.rules")
    monkeypatch.setattr(
        rules_module, "entry_points", lambda group: [entry] if group == "cleannews.rules" else []
    )
    packs = rules_module.plugin_packs()
    assert [p.name for p in packs] == ["acme"]
    assert isinstance(packs[0], RulePack)
    assert packs[0].rules[0].matches("Get the ACME briefing every morning")


def test_explain_html_writes_a_self_contained_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["explain", str(SEED), "--html", str(out)]) == 0
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "site-slogan" in html and "read-more-link" in html
    assert "Haftar calls on Egypt to supply surface-to-surface missiles" in html
    assert "<script" not in html
    assert "report written" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["rules"], ["rules", "nope"]])
def test_rules_without_a_subcommand_is_an_argparse_error(argv):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
