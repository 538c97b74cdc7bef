"""Bad configuration values are refused up front with a ValueError that names the option,
instead of breaking every page later (issue 16 item 7, issue 18 item 13)."""

from __future__ import annotations

import json
import math

import pytest

from cleannews import CleanConfig, Pipeline, default_pipeline
from cleannews.cli import main
from samples import PAGE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"html_time_budget": math.inf}, "html_time_budget must be > 0 and <= 3600 seconds"),
        ({"html_time_budget": 1e999}, "html_time_budget must be > 0"),
        ({"html_time_budget": math.nan}, "html_time_budget must be > 0"),
        ({"regex_timeout": 1e13}, "regex_timeout must be > 0 and <= 60 seconds"),
        ({"regex_timeout": 0}, "regex_timeout must be > 0"),
        ({"regex_timeout": "0.1"}, "regex_timeout must be a number of seconds, got '0.1'"),
        ({"regex_timeout": True}, "regex_timeout must be a number of seconds"),
        ({"max_input_chars": 2.5}, "max_input_chars must be a whole number, got 2.5"),
        ({"max_input_chars": True}, "max_input_chars must be a whole number"),
        ({"min_story_paragraphs": 0}, "min_story_paragraphs must be >= 1, got 0"),
        ({"language_sample_chars": "400"}, "language_sample_chars must be a whole number"),
        ({"languages": "en"}, "languages must be a list of ISO 639-1 codes such as ['en']"),
        ({"languages": ["en", 5]}, "languages must be lower-case ISO 639-1 codes"),
        ({"languages": ["English"]}, "languages must be lower-case ISO 639-1 codes"),
        ({"include_plugins": "no"}, "include_plugins must be true or false"),
        ({"nope": 1}, "unknown config options ['nope']"),
    ],
)
def test_bad_values_are_a_value_error_naming_the_option(changes, message):
    with pytest.raises(ValueError, match=_literal(message)):
        default_pipeline().with_config(**changes)
    with pytest.raises(ValueError, match=_literal(message)):
        CleanConfig.from_dict(changes)


def _literal(text: str) -> str:
    import re

    return re.escape(text)


def test_good_values_still_pass_and_lists_become_tuples():
    config = CleanConfig(languages=["en", "de"], regex_timeout=1, html_time_budget=3600)
    assert config.languages == ("en", "de")
    assert CleanConfig.from_dict(config.to_dict()) == config
    assert default_pipeline().with_config(languages=("fr",)).config.languages == ("fr",)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"stages": [1]}, "stages must be stage names (strings), got [1]"),
        ({"stages": "encoding"}, "stages must be a list of stage names, got 'encoding'"),
        ({"options": ["en"]}, "options must be an object of option: value"),
        (["encoding"], "a pipeline config must be an object, got list"),
    ],
)
def test_bad_pipeline_configs_are_value_errors(config, message):
    with pytest.raises(ValueError, match=_literal(message)):
        Pipeline.from_config(config)


@pytest.mark.parametrize(
    "text",
    [
        '{"stages": [1]}',
        '{"options": {"html_time_budget": 1e999}}',
        '{"options": {"max_input_chars": 2.5}}',
        '{"options": {"languages": "en"}}',
    ],
)
def test_a_bad_config_file_is_a_one_line_usage_error(tmp_path, capsys, text):
    (tmp_path / "p.txt").write_text(PAGE)
    (tmp_path / "config.json").write_text(text)
    code = main(["clean", str(tmp_path / "p.txt"), "--config", str(tmp_path / "config.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"cleannews: bad --config {tmp_path / 'config.json'}: ")
    assert err.count("\n") == 1


def test_version(capsys):
    import cleannews

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"cleannews {cleannews.__version__}\n"


def test_the_config_round_trips_through_json():
    config = default_pipeline().with_config(languages=["en"]).to_config()
    assert Pipeline.from_config(json.loads(json.dumps(config))).config.languages == ("en",)
