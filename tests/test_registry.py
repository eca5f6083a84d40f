"""The real registry (sources/*.toml) and the tools that check and grow it.

The offline check runs on the committed registry in every `make test`, so a typo in a
province file fails CI instead of silently dropping a site from the crawl.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from archive import registry
from archive.sources import Source, load_platforms, load_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "platforms"
FIXTURE_PAGES = sorted(FIXTURES.glob("*-article.html"))


def _expected(page: Path) -> dict:
    return json.loads(page.with_name(page.name.replace(".html", ".expected.json"))
                      .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def platforms() -> dict:
    return load_platforms(SOURCES)


# --- the real registry ------------------------------------------------------------------

def test_real_registry_passes_offline_check():
    errors = [p for p in registry.check_registry(SOURCES) if p.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))


def test_real_registry_covers_all_34_provinces_with_100_sources():
    sources = [s for s in load_sources(directory=SOURCES, skip_unexpandable=True)
               if s.file and not s.file.endswith("demo.toml")]
    assert len(sources) >= 100
    covered = {registry.canonical_province(s.province) for s in sources}
    assert covered == set(registry.current_provinces())
    assert len(registry.current_provinces()) == 34
    # One file per current province, named for it.
    files = {Path(s.file).name for s in sources}
    assert files == {registry.province_file_name(p) for p in registry.current_provinces()}


def test_every_real_entry_is_unverified_and_has_evidence():
    for path in registry.source_files(SOURCES):
        if path.name == "demo.toml":
            continue
        import tomllib

        for entry in tomllib.loads(path.read_text(encoding="utf-8"))["source"]:
            assert entry["verified"] is False, entry["id"]
            assert entry.get("evidence"), entry["id"]


def test_merger_table_has_63_former_provinces():
    # 'Huế' and 'Thừa Thiên Huế' both name the same unit.
    former = {registry.canonical_former(n) for n in registry.FORMER_TO_CURRENT}
    assert len(former - {"Huế"}) == 63


def test_coverage_table_lists_every_province():
    sources = load_sources(directory=SOURCES, skip_unexpandable=True)
    table = registry.coverage_table(sources)
    for province in registry.current_provinces():
        assert f"| {province} |" in table
    assert "34/34 current provinces covered" in table


def test_every_organisation_kind_is_labelled_counted_and_documented():
    """A registry kind (archive/sources.py) gets its coverage column and label, and is named
    where users read the kinds: the Datasette metadata and the README's entry example."""
    from archive.sources import ORGANISATION_KINDS

    assert set(registry.COVERAGE_KINDS) == ORGANISATION_KINDS == set(registry.ORGANISATION_KIND_LABELS)
    meta = json.loads((ROOT / "datasette_metadata.json").read_text(encoding="utf-8"))
    described = json.dumps(meta, ensure_ascii=False)
    example = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                   if line.startswith("organisation_kind = "))
    for kind in ORGANISATION_KINDS:
        assert re.search(rf"[\s:,]{re.escape(kind)}[\s,(\"]", described), kind
        assert re.search(rf"[\s,]{re.escape(kind)}(,|$)", example), kind


def test_registry_kinds_are_the_gazetteers_plus_the_site_only_kinds():
    """One list of kinds: every kind `sources add` can read off an organisation's name
    (archive/lexicons/organisations.toml) is a kind the registry accepts, so a provincial
    department is `so`, never squeezed into `other`."""
    from archive.organisations import ORG_KINDS
    from archive.sources import ORGANISATION_KINDS

    assert {k.kind for k in ORG_KINDS} | {"newspaper", "portal"} == ORGANISATION_KINDS
    assert "so" in ORGANISATION_KINDS and "snv" not in ORGANISATION_KINDS


def test_a_former_kind_still_loads_as_its_successor(tmp_path):
    """A registry file written when the kind was `snv` (Sở Nội vụ) loads, lints clean and counts
    as `so`."""
    shutil.copy(SOURCES / "platforms.toml", tmp_path / "platforms.toml")
    (tmp_path / "dien-bien.toml").write_text(
        '[[source]]\nid = "dien-bien-snv"\nname = "Sở Nội vụ tỉnh Điện Biên"\norganisation_kind = "snv"\n'
        'province = "Điện Biên"\nplatform = "news-htm"\nstart_urls = ["https://snv.example/"]\n'
        'verified = false\nevidence = "t"\n', encoding="utf-8")
    sources = load_sources(directory=tmp_path)
    assert [s.organisation_kind for s in sources] == ["so"]
    assert not [p for p in registry.check_registry(tmp_path) if p.severity == "error"]
    assert registry.coverage_counts(sources)["Điện Biên"]["so"] == 1


# --- invalid registries: clear errors naming file and line ------------------------------

def _bad_registry(tmp_path: Path) -> Path:
    shutil.copy(SOURCES / "platforms.toml", tmp_path / "platforms.toml")
    (tmp_path / "thanh-hoa.toml").write_text(
        '[[source]]\nid = "thanh-hoa-a"\nname = "A"\norganisation_kind = "newspaper"\n'
        'province = "Thanh Hóa"\nplatform = "news-htm"\nstart_urls = ["https://a.example/"]\n'
        'verified = false\nevidence = "test"\n\n'
        '[[source]]\nid = "thanh-hoa-a"\nname = "A again"\norganisation_kind = "newspaper"\n'
        'province = "Thanh Hóa"\nplatform = "no-such-cms"\nstart_urls = ["ftp://a.example/"]\n'
        'verified = false\nevidence = "test"\n\n'
        '[[source]]\nid = "thanh-hoa-b"\nname = "B"\norganisation_kind = "newspaper"\n'
        'province = "Hà Tây"\nprovince_former = "Bắc Giang"\nplatform = "news-htm"\n'
        'start_urls = ["https://b.example/"]\nverified = false\nevidence = "test"\n',
        encoding="utf-8")
    (tmp_path / "nghe-an.toml").write_text(
        '[[source]]\nid = "nghe-an-x"\nname = "X\nprovince = "Nghệ An"\n', encoding="utf-8")
    return tmp_path


def test_invalid_registry_reports_each_problem_with_file_and_line(tmp_path):
    problems = registry.check_registry(_bad_registry(tmp_path))
    text = "\n".join(map(str, problems))
    th = str(tmp_path / "thanh-hoa.toml")
    # duplicate id, second entry starts at line 11
    assert f"{th}:11 [thanh-hoa-a]: error: duplicate id 'thanh-hoa-a'" in text
    assert "unknown platform 'no-such-cms'" in text
    assert "ftp://a.example/" in text and "http(s)" in text
    # bad province, third entry at line 21
    assert f"{th}:21 [thanh-hoa-b]: error: province 'Hà Tây' is not one of the 34" in text
    assert "province_former 'Bắc Giang'" not in text or "merged into" in text
    # malformed TOML: the file and the line of the error
    bad = [p for p in problems if p.file.endswith("nghe-an.toml")]
    assert bad and bad[0].line == 3 and "not valid TOML" in bad[0].message


def test_former_province_must_have_merged_into_the_province(tmp_path):
    shutil.copy(SOURCES / "platforms.toml", tmp_path / "platforms.toml")
    (tmp_path / "gia-lai.toml").write_text(
        '[[source]]\nid = "gia-lai-x"\nname = "X"\norganisation_kind = "newspaper"\n'
        'province = "Gia Lai"\nprovince_former = "Phú Yên"\nplatform = "news-htm"\n'
        'start_urls = ["https://x.example/"]\nverified = false\nevidence = "t"\n',
        encoding="utf-8")
    problems = registry.check_registry(tmp_path)
    assert any("merged into Đắk Lắk, not Gia Lai" in p.message for p in problems)


def test_province_spelling_variants_are_recognised():
    assert registry.canonical_province("Thành phố Hồ Chí Minh") == "Hồ Chí Minh"
    assert registry.canonical_province("TP Hồ Chí Minh") == "Hồ Chí Minh"
    assert registry.canonical_province("thanh hoa") == "Thanh Hóa"
    assert registry.canonical_former("Bà Rịa – Vũng Tàu") == "Bà Rịa - Vũng Tàu"
    assert registry.canonical_province("Hà Tây") is None


# --- platforms: fixtures, guessing, proposing -------------------------------------------

def test_every_real_world_platform_has_a_fixture(platforms):
    with_selectors = {p for p, r in platforms.items()
                      if not r.get("generic") and p in {f.name.removesuffix("-article.html")
                                                        for f in FIXTURE_PAGES}}
    families = {"news-cms-post", "news-yyyymm", "news-aid", "news-bgrid", "news-htm",
                "sharepoint-portal", "liferay-portal", "webcenter-portal", "wps-portal",
                "wordpress"}
    assert families <= set(platforms)
    assert families <= with_selectors


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: p.name)
def test_guess_platform_proposes_the_right_family(page, platforms):
    exp = _expected(page)
    guesses = registry.guess_platform(page.read_text(encoding="utf-8"), exp["url"], platforms)
    assert guesses and guesses[0][0] == exp["platform"], guesses[:3]
    if len(guesses) > 1:  # and not by a hair
        assert guesses[0][1] - guesses[1][1] >= 0.2, guesses[:3]


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: p.name)
def test_propose_entry_is_pasteable_toml(page, platforms, tmp_path):
    import tomllib

    exp = _expected(page)
    text = registry.propose_entry(exp["url"], page.read_text(encoding="utf-8"), platforms)
    entry = tomllib.loads(text)["source"][0]
    assert entry["platform"] == exp["platform"]
    assert entry["verified"] is False
    assert entry["evidence"] == exp["url"]
    assert entry["start_urls"][0].startswith("http")


def test_propose_entry_guesses_kind_and_province():
    html = ("<html><head><title>Tin hoạt động</title><meta property='og:site_name' "
            "content='Hội Nông dân tỉnh Quảng Nam'></head><body><p>x</p></body></html>")
    text = registry.propose_entry("http://hoinongdanqnam.org.vn/tin/1", html, {})
    assert 'organisation_kind = "hnd"' in text
    assert 'province = "Đà Nẵng"' in text and 'province_former = "Quảng Nam"' in text


def test_propose_entry_trusts_the_host_over_headlines_about_other_provinces():
    html = ("<html><head><title>Cụm thi đua số 7 tỉnh Thanh Hóa sơ kết 6 tháng</title>"
            "</head><body><h1>Cụm thi đua số 7 tỉnh Thanh Hóa sơ kết</h1></body></html>")
    text = registry.propose_entry("https://baobacninh.vn/tin/1.html", html, {})
    assert 'province = "Bắc Ninh"' in text
    assert "Thanh Hóa" not in text.split("province =")[1].splitlines()[0]


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: p.name)
def test_golden_extraction_per_platform(page, platforms):
    """The extractor, driven by the platform block, gets the fields the fixture was written
    with: title, date, author, where the body starts and ends."""
    extract = pytest.importorskip("archive.extract")
    exp = _expected(page)
    art = extract.extract_article(page.read_text(encoding="utf-8"), exp["url"],
                                  platforms[exp["platform"]])
    assert art["is_article"] is True
    assert art["title"] == exp["title"]
    assert art["published_at"] == exp["published_at"]
    assert art["author"] == exp["author"]
    body = art["body"]
    assert body.startswith(exp["body_start"]), body[:120]
    assert body.rstrip().endswith(exp["body_end"]), body[-120:]
    if exp.get("lead"):
        assert art["lead"] == exp["lead"]


# --- live check ---------------------------------------------------------------------------

def _source(sid: str, url: str, rules: dict) -> Source:
    return Source(id=sid, name=sid, province="Thanh Hóa", platform="news-htm",
                  start_urls=(url,), rules=rules)


def test_live_check_without_network_says_so_and_fails():
    # Port 9 on localhost: connection refused, the same class of failure as no internet.
    results = registry.check_live([_source("a", "http://127.0.0.1:9/", {})], timeout=2,
                                  delay=0)
    assert results[0].network_error and results[0].status is None
    assert registry.live_exit_code(results) == 2
    assert "No internet connection" in registry.live_report(results)


def test_live_check_against_a_local_site(tmp_path, platforms):
    page = FIXTURES / "news-htm-article.html"
    (tmp_path / "index.html").write_text(
        '<html><body><h3 class="story__heading"><a href="/dai-hoi-253214.htm">Đại hội</a>'
        '</h3></body></html>', encoding="utf-8")
    shutil.copy(page, tmp_path / "dai-hoi-253214.htm")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(tmp_path), **kw)

        def log_message(self, *a):  # keep test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/index.html"
        results = registry.check_live([_source("local", url, platforms["news-htm"])],
                                      timeout=5, delay=0)
    finally:
        server.shutdown()
    r = results[0]
    assert r.status == 200 and r.article_links == 1 and r.article_status == 200
    assert r.fields["title"] and r.fields["body"], r
    assert r.ok and registry.live_exit_code(results) == 0
    out = tmp_path / "live.json"
    registry.write_live_results(results, out)
    assert json.loads(out.read_text())[0]["ok"] is True


def test_mark_verified_changes_one_line_per_passing_source(tmp_path):
    import tomllib

    src = SOURCES / "ho-chi-minh.toml"
    shutil.copy(src, tmp_path / src.name)
    shutil.copy(SOURCES / "platforms.toml", tmp_path / "platforms.toml")
    before = (tmp_path / src.name).read_text(encoding="utf-8")
    entries = tomllib.loads(before)["source"]
    assert len(entries) >= 2 and not any(e["verified"] for e in entries)
    target = entries[1]["id"]

    assert registry.mark_verified(tmp_path, [target, "no-such-source"]) == [target]
    after = (tmp_path / src.name).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].strip() == "verified = true", changed
    assert {e["id"]: e["verified"] for e in tomllib.loads(after)["source"]} == \
        {e["id"]: e["id"] == target for e in entries}
    assert not registry.check_registry(tmp_path) or all(
        p.severity == "warning" for p in registry.check_registry(tmp_path))
    assert registry.mark_verified(tmp_path, [target]) == []  # already verified: nothing to do


# --- status of a source over time (active / frozen / gone) --------------------------------

def _one_entry(tmp_path: Path, extra: str) -> Path:
    shutil.copy(SOURCES / "platforms.toml", tmp_path / "platforms.toml")
    (tmp_path / "thanh-hoa.toml").write_text(
        '[[source]]\nid = "thanh-hoa-a"\nname = "A"\norganisation_kind = "newspaper"\n'
        'province = "Thanh Hóa"\nplatform = "generic"\nstart_urls = ["https://a.example/"]\n'
        f'verified = false\nevidence = "test"\n{extra}', encoding="utf-8")
    return tmp_path


def test_status_is_validated_with_file_and_line(tmp_path):
    problems = registry.check_registry(_one_entry(tmp_path, 'status = "closed"\n'))
    expected = (f"{tmp_path / 'thanh-hoa.toml'}:1 [thanh-hoa-a]: error: status 'closed' is not "
                "one of ['active', 'frozen', 'gone'] (frozen: stopped publishing; gone: taken down).")
    assert [str(p) for p in problems if p.severity == "error"] == [expected]
    problems = registry.check_registry(_one_entry(tmp_path, 'archive_hosts = "a.example"\n'))
    assert any("archive_hosts must be a list of host names" in p.message for p in problems)
    src = load_sources(directory=_one_entry(tmp_path, 'status = "gone"\n'))[0]
    assert src.status == "gone"


def test_every_real_source_has_a_status_and_former_provinces_are_covered():
    sources = [s for s in load_sources(directory=SOURCES, skip_unexpandable=True)
               if not s.file.endswith("demo.toml")]
    assert {s.status for s in sources} <= {"active", "frozen", "gone"}
    assert any(s.status == "frozen" for s in sources)
    formers = {s.province_former for s in sources}
    for former in ("Hà Giang", "Hà Nam", "Đắk Nông", "Bình Thuận"):
        assert former in formers, former
    # a frozen or gone source is a former province's outlet or a site that moved
    for s in sources:
        if s.status != "active":
            assert s.province_former or s.extra.get("archive_hosts"), s.id


def test_union_federations_in_at_least_ten_provinces_each_with_evidence():
    ldld = [s for s in load_sources(directory=SOURCES, skip_unexpandable=True)
            if s.organisation_kind == "ldld" and not s.file.endswith("demo.toml")]
    assert len({registry.canonical_province(s.province) for s in ldld}) >= 10
    for s in ldld:
        assert s.extra.get("evidence"), s.id
    ids = {s.id for s in load_sources(directory=SOURCES, skip_unexpandable=True)}
    assert "can-tho-ldld-soc-trang" not in ids  # its cited article is found nowhere


def test_doubtful_domains_fixed():
    by_id = {s.id: s for s in load_sources(directory=SOURCES, skip_unexpandable=True)}
    assert by_id["dong-nai-dnrtv"].domains == ["dnrtv.org.vn"]
    backan = by_id["thai-nguyen-baobackan"]
    assert backan.domains == ["baobackan.vn"] and "baobackan.org.vn" in backan.archive_hosts


def test_readme_coverage_table_is_the_generated_one():
    sources = load_sources(directory=SOURCES, skip_unexpandable=True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert registry.coverage_table(sources) in readme, \
        "README's coverage table is stale: paste the output of `thidua sources`"


def test_crawl_skips_gone_and_visits_frozen_rarely(tmp_path):
    from datetime import UTC, datetime, timedelta

    from archive.lifecycle import crawl_plan
    from archive.store import open_archive

    def src(sid: str, status: str) -> Source:
        return Source(id=sid, name=sid, province="Thanh Hóa", platform="generic",
                      start_urls=("https://x.example/",), rules={}, status=status)

    sources = [src("a", "active"), src("f", "frozen"), src("g", "gone"), src("f2", "frozen")]
    db_path = tmp_path / "archive.db"
    db = open_archive(db_path)
    now = datetime(2026, 1, 31, tzinfo=UTC)
    for sid, days, status, run in [("f", 10, "ok", "r1"), ("f2", 200, "ok", "r2"),
                                   ("f2", 5, "failed", "r3"), ("f2", 3, "ok", "backfill-x")]:
        db["sources"].upsert({"id": sid}, pk="id")
        db["crawls"].insert({"run_id": run, "source_id": sid, "status": status,
                             "started_at": (now - timedelta(days=days)).isoformat()})
    crawl, skipped = crawl_plan(sources, db_path, now=now)
    # f crawled 10 days ago: skipped; f2's last good live crawl is 200 days old (a failure
    # and a backfill since do not count): due
    assert [s.id for s in crawl] == ["a", "f2"]
    assert {k.source.id: k.reason.split(":")[0] for k in skipped} == {
        "f": "frozen", "g": "gone (taken down)"}
    crawl, skipped = crawl_plan(sources, db_path, named=True, now=now)
    assert [s.id for s in crawl] == ["a", "f", "f2"] and [k.source.id for k in skipped] == ["g"]


def test_crawl_command_says_what_it_skipped(tmp_path):
    import subprocess
    import sys

    reg = _one_entry(tmp_path, 'status = "gone"\n')
    result = subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources",
                             str(reg / "thanh-hoa.toml"), "--db", str(tmp_path / "a.db"),
                             "--dry-run"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert "skipped thanh-hoa-a: gone (taken down): `thidua backfill --source thanh-hoa-a`" \
        in result.stderr
    assert "nothing to crawl" in result.stdout


def test_sources_command_shows_status_and_federations():
    from click.testing import CliRunner

    from archive.cli import cli

    out = CliRunner().invoke(cli, ["sources"]).output
    assert "active," in out and "frozen," in out and "gone." in out
    assert "LĐLĐ:" in out and "evidence: " in out
    # every source's status: the frozen and gone ones by name, the rest counted as active
    sources = [s for s in load_sources(directory=SOURCES, skip_unexpandable=True)
               if not s.file.endswith("demo.toml")]
    frozen = [s.id for s in sources if s.status == "frozen"]
    assert f"frozen ({len(frozen)}):" in out and all(sid in out for sid in frozen)
    active = sum(1 for s in sources if s.status == "active")
    assert f"active: the other {active} sources." in out
    listed = CliRunner().invoke(cli, ["sources", "list", "--kind", "ldld"]).output
    assert all(line.split("\t")[2] == "ldld" for line in listed.splitlines())
    assert all(line.split("\t")[1] in ("active", "frozen", "gone")
               for line in listed.splitlines())


def test_the_province_a_text_names_most_is_a_name_not_a_common_noun() -> None:
    # failed before: folded, "hòa bình" (peace) is "Hòa Bình" and "lòng an" is "Long An"; a name is
    # written capitalised, with its own tone marks (old or new placement), or in capitals
    text = ("Hội viên cựu chiến binh góp phần giữ gìn hòa bình, vì hòa bình và hữu nghị, giữ lòng an "
            "tâm. Hội nghị có đại biểu tỉnh Nghệ An và tỉnh Hà Tĩnh; tỉnh Nghệ An đăng cai.")
    assert registry.most_named_province(text) == ("Nghệ An", None)
    assert registry.most_named_province("Tỉnh Hoà Bình tổ chức hội nghị. UBND tỉnh Hoà Bình chủ trì.")[1] == "Hòa Bình"
    assert registry.most_named_province("giữ gìn hòa bình, vì hòa bình") == (None, None)
    assert registry.most_named_province("TỈNH THỪA THIÊN HUẾ; tỉnh Thừa Thiên Huế")[1] == "Thừa Thiên Huế"
