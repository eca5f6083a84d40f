"""The benchmark package: the synthetic archive it measures on, its timing helpers, and a smoke
run of `thidua bench` at a tiny N. No timed assertions: speed goals are judged by `make bench`."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import textstore
from archive.benchmark import synthetic
from archive.benchmark.report import Figure, Report
from archive.benchmark.timing import interleaved, percentile
from archive.cli import cli


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> synthetic.Generated:
    return synthetic.generate(tmp_path_factory.mktemp("bench") / "synthetic.db", 400, seed=3)


def test_synthetic_rows_are_deterministic_and_vietnamese() -> None:
    first = [row for row, _ in synthetic.rows(50, seed=9)]
    again = [row for row, _ in synthetic.rows(50, seed=9)]
    other = [row for row, _ in synthetic.rows(50, seed=10)]
    assert first == again and first != other
    title, body = first[0][3], first[0][5]
    assert unicodedata.is_normalized("NFC", body) and "\n\n" in body
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", body + title)


def test_synthetic_archive_shape(small_archive: synthetic.Generated) -> None:
    conn = sqlite3.connect(small_archive.path)
    textstore.register(conn)
    count, with_dates = conn.execute(
        "select count(*), count(published_at) from articles").fetchone()
    assert count == with_dates == 400
    # publication dates are not in row order (a crawl archives newest first, backfills last)
    dates = [r[0] for r in conn.execute("select published_at from articles order by id")]
    assert dates != sorted(dates) and dates != sorted(dates, reverse=True)
    # each rare name is in exactly RARE_HITS articles
    bodies = [r[0] for r in conn.execute("select body from articles")]
    for name in small_archive.rare_names:
        assert sum(name in b for b in bodies) == synthetic.RARE_HITS, name
    # syndicated copies repeat an earlier article's text
    for copy_id, first_id in conn.execute(
            "select id, duplicate_of from articles where duplicate_of is not null"):
        texts = conn.execute("select title, body from articles where id in (?, ?)",
                             [copy_id, first_id]).fetchall()
        assert texts[0] == texts[1] and first_id < copy_id
    # the raw text counted is what the articles hold
    total = sum(len((t or "").encode()) + len((lead or "").encode()) + len((b or "").encode())
                + len((a or "").encode()) + sum(len(c.encode()) for c in json.loads(caps))
                for t, lead, b, a, caps in conn.execute(
                    "select title, lead, body, author, captions from articles"))
    assert total == small_archive.raw_text_bytes
    # the cluster of the seed's story is among the phrases the benchmark queries
    assert any("Cụm thi đua số 7" in b for b in bodies + [r[0] for r in conn.execute(
        "select title from articles")])
    # stored compressed, with dictionaries; the peer's copy holds the same text, plain
    kinds = dict(conn.execute("select typeof(body_z), count(*) from articles group by 1").fetchall())
    assert kinds.get("blob", 0) > 0.9 * count
    big = conn.execute("select count(*) from (select source_id from articles group by 1 "
                       "having count(*) >= ?)", [textstore.DICT_MIN_ARTICLES]).fetchone()[0]
    assert conn.execute("select count(*) from text_dicts").fetchone()[0] == big
    plain = sqlite3.connect(synthetic.plain_path(small_archive.path))
    assert [r[0] for r in plain.execute("select body from articles order by id")] == \
        [r[0] for r in conn.execute("select body from articles order by id")]
    assert "body_z" not in [r[1] for r in plain.execute("pragma table_info(articles)")]
    plain.close()
    conn.close()


def test_percentile_and_interleaving() -> None:
    assert percentile(list(range(1, 21)), 95) == 19
    assert percentile([5.0], 95) == 5.0
    calls: list[str] = []
    interleaved({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, rounds=4)
    assert calls == ["a", "b", "b", "a", "a", "b", "b", "a"]


def test_report_table_and_verdicts() -> None:
    report = Report(figures=[
        Figure("index", "build", 3.0, "s", 2.0, "peer", "≤ 2× peer", True),
        Figure("index", "size", 2.0, "×", goal="≤ 1.5×", ok=False),
    ])
    table = report.markdown()
    assert "| index | build | 3.00 s | peer: 2.00 s | 1.50× | ≤ 2× peer | ok |" in table
    assert "**missed**" in table and report.failed == [report.figures[1]]


def test_bench_smoke_run(tmp_path: Path) -> None:
    """`thidua bench` end to end at a tiny N: both indexes built, searched in SQLite and through
    two real datasette processes (ours and plain), every figure with its peer (exit 1 is
    allowed: goals mean nothing at 60 articles)."""
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(cli, ["bench", "--articles", "60", "--suite", "index",
                                      "--suite", "search", "--suite", "http", "--rounds", "1",
                                      "--users", "2", "--requests", "2",
                                      "--workdir", str(tmp_path / "w"), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert "| index | search index build, 60 articles" in result.output
    payload = json.loads(out.read_text())
    figures = {f["name"]: f for f in payload["figures"]}
    build = figures["search index build, 60 articles"]
    assert build["ours"] > 0 and build["peer"] > 0 and build["peer_name"]
    size = figures["archive size / raw text"]
    assert size["ours"] > 0 and size["peer"] > 1.0  # the text itself is in both
    # the parts: the text in one table in both (ours compressed), each copy's own search index
    text = figures["articles / raw text"]
    assert 0 < text["ours"] < text["peer"] and text["peer"] >= 1.0
    assert 0 < figures["search index / raw text"]["ours"] < size["ours"] - text["ours"] + 1e-9
    assert payload["machine"] and payload["date"]
    assert Counter(f["suite"] for f in payload["figures"]) == {"index": 6, "search": 4, "http": 10}
    assert all(f["ours"] > 0 and f["peer"] > 0 for f in payload["figures"]
               if f["unit"] == "ms"), "every latency measured, ours and the peer's"
    # every request answered: 2 users × 2 requests, twice, on each server
    errors = figures["2 users at once: HTTP errors in 8 requests"]
    assert (errors["ours"], errors["peer"]) == (0, 0)


def test_bench_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["bench", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
