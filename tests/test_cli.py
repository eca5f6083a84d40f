"""Every command documents itself with an example (the sqlite-utils test_docs rule)."""

import os

import click
import pytest
from click.testing import CliRunner

from archive import store
from archive.cli import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in all_commands(cli)], ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "thidua " + path[0] in result.output


def test_missing_archive_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["status", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "run `thidua crawl` first" in result.output


def test_crawl_dry_run_fetches_nothing(tmp_path):
    (tmp_path / "x.toml").write_text(
        '[[source]]\nid = "x-site"\nname = "X"\nprovince = "Nghệ An"\nplatform = "generic"\n'
        'start_urls = ["https://x.example.vn/"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["crawl", "--sources", str(tmp_path / "x.toml"),
                                      "--db", str(tmp_path / "a.db"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "x-site" in result.output
    assert not (tmp_path / "a.db").exists()


def test_invalid_registry_exits_with_config_code(tmp_path):
    (tmp_path / "bad.toml").write_text("[[source]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["crawl", "--sources", str(tmp_path / "bad.toml"), "--dry-run"])
    assert result.exit_code == 4
    assert "not valid TOML" in result.output


def test_reparse_leaves_no_demo_url_behind(tmp_path, monkeypatch):
    # reparse reads the demo sources' rules with a placeholder DEMO_URL; left set, it made every
    # later registry load in the process expand demo.toml (a crawl could aim at 127.0.0.1)
    monkeypatch.delenv("DEMO_URL", raising=False)
    db_path = tmp_path / "a.db"
    store.open_archive(db_path)
    result = CliRunner().invoke(cli, ["reparse", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "DEMO_URL" not in os.environ
