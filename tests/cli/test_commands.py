"""Every subcommand is built; one that fails to import fails the CLI loudly instead of vanishing."""

from __future__ import annotations

import pytest

from gkreview import cli


def test_every_command_is_registered() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(cli.COMMANDS)


def test_a_command_that_cannot_be_imported_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cli.COMMANDS, "ghost", "no_such_command_module")
    with pytest.raises(ModuleNotFoundError, match="no_such_command_module"):
        cli.build_parser()


@pytest.mark.parametrize(
    ("given", "expected"),
    [("none", None), ("off", None), ("", None), ("default", "default"), ("models/agency", "models/agency")],
)
def test_the_model_option_has_one_reading(given: str, expected: str | None) -> None:
    from gkreview.cli._common import model_option

    assert model_option(given) == expected
