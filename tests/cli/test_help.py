"""Every command's --help, read as a user reads it: it runs, shows an example, and names its output format
option --format (an old --json still works, hidden)."""
import json

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app
from kg.config import DEFAULT_SUFFIXES

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_the_app_has_its_commands():
    assert {"build", "query", "viz", "eval", "validate", "stats", "remove", "export", "serve", "report",
            "fetch"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_help_with_an_example_and_no_json_flag(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert "--json" not in result.stdout  # the format option is --format (json one of its values)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_with_several_output_formats_chooses_with_format(command):
    params = {p.name: p for p in typer.main.get_command(app).commands[command].params}
    for param in params.values():
        if "--json" in param.opts:  # an old spelling kept for scripts: hidden, beside a --format
            assert param.hidden and "--format" in params["fmt"].opts


def test_the_root_help_names_format_not_json():
    text = runner.invoke(app, ["--help"]).stdout
    assert "--format json" in text and "--json" not in text


def test_build_help_lists_every_input_suffix():
    text = " ".join(runner.invoke(app, ["build", "--help"]).stdout.split())
    assert " ".join(DEFAULT_SUFFIXES) in text
    assert ".pdf" in text and ".docx" in text


def test_the_hidden_json_spellings_still_give_json(sample_build):
    graph = str(sample_build.outputs["turtle"])
    for args in (["stats", graph, "--json"], ["stats", graph, "--format", "json"], ["stats", graph, "-f", "json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["nodes"] > 0
