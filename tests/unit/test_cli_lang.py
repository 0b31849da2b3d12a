"""--lang: every command writes in the language asked for (by default the environment's), and an unknown
language is a usage error that lists the ones there are."""

from __future__ import annotations

import re

import pytest

from dashboard import cli
from dashboard.cli import build_parser, main
from dashboard.cli_common import LANGUAGE_CHOICES, environment_language, requested_language
from dashboard.i18n import LANGUAGES, PSEUDO, current_language
from tests.helpers import run_cli

COMMANDS = {  # each command with the options it requires
    "validate": [],
    "export": ["--chart", "ranking", "--out", "x"],
    "deck": ["--out", "x.pptx"],
    "import-eurostat": ["x.tsv", "--out", "x"],
    "refresh": ["--out", "x"],
    "profile": ["--region", "riga", "--out", "x"],
}


@pytest.fixture(autouse=True)
def no_locale(monkeypatch) -> None:
    """Each test sets the environment's language it needs; none set means English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _command_parser(parser, name: str):
    return parser._subparsers._group_actions[0].choices[name]


def test_choices_are_the_eleven_languages_and_the_pseudo_language() -> None:
    assert (*LANGUAGES, PSEUDO) == LANGUAGE_CHOICES and len(LANGUAGES) == 11


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_lang(command: str) -> None:
    parser = build_parser()
    assert parser.parse_args([command, *COMMANDS[command]]).lang == "en"
    assert parser.parse_args([command, *COMMANDS[command], "--lang", "fi"]).lang == "fi"
    assert parser.parse_args([command, *COMMANDS[command], "--lang=qps"]).lang == "qps"


@pytest.mark.parametrize("command", ["export", "deck"])
def test_lang_fi_is_the_language_of_the_exported_view(dataset, command: str) -> None:
    parser = build_parser()
    for argv, lang in (([], "en"), (["--lang", "fi"], "fi"), (["--lang", "sv"], "sv")):
        args = parser.parse_args([command, *COMMANDS[command], *argv])
        state = cli._state(_command_parser(parser, command), dataset, args)
        assert state.lang == lang


def test_export_runs_in_the_language_asked_for(monkeypatch, tmp_path) -> None:
    import dashboard.export.files as files

    seen = {}

    def chart_file(dataset, state, chart, fmt, layout, scale):
        seen.update(state=state.lang, writing=current_language())
        return "chart.svg", b"<svg/>"

    monkeypatch.setattr(files, "chart_file", chart_file)
    code, out, err = run_cli("export", "--chart", "ranking", "--format", "svg", "--lang", "fi", "--out", str(tmp_path))
    assert code == 0, err
    assert seen == {"state": "fi", "writing": "fi"}
    assert out.strip() == str(tmp_path / "chart.svg")
    assert current_language() == "en"  # the command's language ends with it


def test_deck_runs_in_the_language_asked_for(monkeypatch, tmp_path) -> None:
    import dashboard.export.deck as deck

    seen = {}

    def build_deck(dataset, state):
        seen.update(state=state.lang, writing=current_language())
        return b"pptx"

    monkeypatch.setattr(deck, "build_deck", build_deck)
    code, _, err = run_cli("deck", "--lang", "de", "--out", str(tmp_path / "deck.pptx"))
    assert code == 0, err
    assert seen == {"state": "de", "writing": "de"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unknown_language_exits_2_listing_the_languages(capsys, command: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, *COMMANDS[command], "--lang", "xx"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "argument --lang: invalid choice: 'xx'" in err
    for code in LANGUAGE_CHOICES:
        assert f"'{code}'" in err


def test_lang_de_de_utf8_in_the_environment_is_german(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    parser = build_parser()
    for command, required in COMMANDS.items():
        assert parser.parse_args([command, *required]).lang == "de"
        assert parser.parse_args([command, *required, "--lang", "en"]).lang == "en"  # the option wins


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "en"),
    ({"LANG": "fi_FI.UTF-8"}, "fi"),
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "nb_NO.UTF-8"}, "nb"),
    ({"LANG": "no_NO"}, "nb"),
    ({"LANG": "sv_SE@euro"}, "sv"),
    ({"LANG": "lt"}, "lt"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),  # not one of ours
    ({"LANG": ""}, "en"),
    ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "pl_PL.UTF-8"}, "pl"),
    ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "pl_PL.UTF-8", "LC_ALL": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "fi_FI.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL decides, as for any program
])
def test_the_environment_language(environ: dict[str, str], lang: str) -> None:
    assert environment_language(environ) == lang


def test_the_language_is_read_before_parsing_for_help_and_usage_errors() -> None:
    assert requested_language(["export", "--lang", "fi"], {}) == "fi"
    assert requested_language(["export", "--lang=sv"], {}) == "sv"
    assert requested_language(["export", "--lang", "xx"], {"LANG": "da_DK.UTF-8"}) == "da"
    assert requested_language(["export"], {"LANG": "et_EE.UTF-8"}) == "et"
    assert requested_language(["import-eurostat", "--", "--lang", "fi"], {}) == "en"


def test_help_in_the_pseudo_language_has_no_plain_english(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--help", "--lang", "qps"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "Ŵŕîţé öñé çĥåŕţ" in out  # the description: "Write one chart ..."
    for english in ("Write one chart", "focus region id", "which chart", "output folder", "file format"):
        assert english not in out


def test_an_error_in_the_pseudo_language(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--chart", "ranking", "--focus", "atlantis", "--lang", "qps", "--out", "x"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid value" not in err and "[îñvåļîd våļûé: " in err


def test_validate_summary_in_the_pseudo_language(capsys) -> None:
    assert main(["validate", "--lang", "qps"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[ÖĶ ")
    for english in (" regions", " indicators", " values (", " sources", " documented gaps"):
        assert english not in out


def test_validate_summary_in_english_is_unchanged(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"OK \S+: \d+ regions, \d+ indicators, \d+ values \([^)]*\), \d+ sources, "
                        r"\d+ documented gaps( \(.*\))?\n", out), out
