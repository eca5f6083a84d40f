"""The registry loader: a misconfigured site must fail loudly, naming file and entry."""

import textwrap
from pathlib import Path

import pytest

from archive.sources import SourcesError, load_sources, select_sources

PLATFORMS = """
[platforms.portal]
article_links = "h3 a"
next_page = "a.next"
title = "h1"
body = "div.content"
"""


def registry(tmp_path: Path, body: str, platforms: str = PLATFORMS) -> Path:
    (tmp_path / "platforms.toml").write_text(platforms, encoding="utf-8")
    f = tmp_path / "thanh-hoa.toml"
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    return f


GOOD = """
[[source]]
id = "thanh-hoa-ldld"
name = "LĐLĐ Thanh Hóa"
province = "Thanh Hóa"
platform = "portal"
start_urls = ["https://example.org/tin-tuc/"]
[source.overrides]
title = "h1.title"
"""


def test_overrides_replace_platform_keys(tmp_path):
    f = registry(tmp_path, GOOD)
    [s] = load_sources([f], directory=tmp_path)
    # the site's own selector wins; the rest comes from its platform
    assert s.rules["title"] == "h1.title"
    assert s.rules["body"] == "div.content"
    assert s.domains == ["example.org"]


@pytest.mark.parametrize("change,message", [
    (("platform = \"portal\"", "platform = \"nope\""), "unknown platform 'nope'"),
    (("id = \"thanh-hoa-ldld\"", "id = \"Thanh Hoa\""), "kebab-case"),
    (("https://example.org/tin-tuc/", "ftp://example.org/"), "must start with http"),
    (("title = \"h1.title\"", "titel = \"h1\""), "unknown override keys"),
    (("name = \"LĐLĐ Thanh Hóa\"\n", ""), "missing name"),
])
def test_bad_entries_name_file_and_entry(tmp_path, change, message):
    f = registry(tmp_path, GOOD.replace(*change))
    with pytest.raises(SourcesError, match=message) as exc:
        load_sources([f], directory=tmp_path)
    assert "thanh-hoa.toml" in str(exc.value)


def test_duplicate_ids_are_refused(tmp_path):
    f = registry(tmp_path, GOOD + GOOD.replace("[source.overrides]\ntitle = \"h1.title\"", ""))
    with pytest.raises(SourcesError, match="duplicate id 'thanh-hoa-ldld'"):
        load_sources([f], directory=tmp_path)


def test_malformed_toml_says_how_to_check(tmp_path):
    f = registry(tmp_path, "[[source]\nid = ")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources([f], directory=tmp_path)


def test_placeholders_come_from_the_environment(tmp_path, monkeypatch):
    f = registry(tmp_path, GOOD.replace("https://example.org/tin-tuc/", "${DEMO_URL}/ldld/"))
    monkeypatch.delenv("DEMO_URL", raising=False)
    with pytest.raises(SourcesError, match="DEMO_URL"):
        load_sources([f], directory=tmp_path)
    assert load_sources([f], directory=tmp_path, skip_unexpandable=True) == []
    monkeypatch.setenv("DEMO_URL", "http://127.0.0.1:9")
    [s] = load_sources([f], directory=tmp_path)
    assert s.start_urls == ("http://127.0.0.1:9/ldld/",)


def test_select_unknown_id_lists_how_to_find_ids(tmp_path):
    f = registry(tmp_path, GOOD)
    sources = load_sources([f], directory=tmp_path)
    with pytest.raises(SourcesError, match="thidua sources"):
        select_sources(sources, ["nope"])


def test_bundled_registry_loads():
    # every registry file in the repository must stay loadable (demo URLs need no server here)
    load_sources(skip_unexpandable=True)
