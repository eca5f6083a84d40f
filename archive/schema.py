"""The archive's tables, as sqlite-utils migrations: one function per change, safe to re-run.

An archive built by an older version is upgraded in place by `open_archive`, so a cron job
never needs a manual migration step and no crawled page is thrown away by a schema change.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("thidua")


@migrations()
def m001_core_tables(db: Database) -> None:
    db["sources"].create(
        {
            "id": str, "name": str, "organisation": str, "organisation_kind": str,
            "province": str, "province_former": str, "platform": str, "url": str,
            "verified": int, "registry_file": str,
        },
        pk="id",
    )
    db["crawls"].create(
        {
            "id": int, "run_id": str, "source_id": str, "started_at": str, "finished_at": str,
            "status": str, "requests": int, "responses": int, "items": int, "new": int,
            "updated": int, "unchanged": int, "failures": int, "not_modified": int,
            "duration_s": float, "stats": str,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["pages"].create(
        {
            "id": int, "url": str, "source_id": str, "fetched_at": str, "status": int,
            "headers": str, "etag": str, "last_modified": str, "encoding": str,
            "sha256": str, "size": int, "compressed_size": int, "body": bytes,
            "crawl_id": int,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["pages"].create_index(["url"], unique=True)
    db["articles"].create(
        {
            "id": int, "url": str, "source_id": str, "title": str, "lead": str, "body": str,
            "author": str, "published_at": str, "year": int, "province": str,
            "province_former": str, "province_code": str, "province_former_code": str,
            "organisation": str, "images": str, "captions": str,
            "has_meeting": int, "content_hash": str, "fingerprint": str, "duplicate_of": int, "page_id": int,
            "first_seen_at": str, "last_seen_at": str, "extractor_version": str,
            "extraction_paths": str,
        },
        pk="id",
        foreign_keys=[
            ("source_id", "sources", "id"),
            ("page_id", "pages", "id"),
            ("duplicate_of", "articles", "id"),
        ],
    )
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["published_at"])
    db["articles"].create_index(["source_id"])
    db["articles"].create_index(["fingerprint"])
    db["failures"].create(
        {
            "id": int, "url": str, "source_id": str, "stage": str, "message": str,
            "at": str, "crawl_id": int, "page_id": int,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id"), ("page_id", "pages", "id")],
    )
    db["failures"].create_index(["url"])


@migrations()
def m002_meetings(db: Database) -> None:
    db["organisations"].create(
        {"id": int, "name": str, "kind": str, "province": str, "aliases": str},
        pk="id",
    )
    db["organisations"].create_index(["name", "province"], unique=True)
    db["meetings"].create(
        {
            "id": int, "article_id": int, "seq": int, "kind": str, "title": str,
            "period_label": str, "period_start": str, "period_end": str,
            "cluster_kind": str, "cluster_name": str, "cluster_number": int,
            "host": str, "place": str, "meeting_date": str, "year": int, "province": str,
            "province_former": str, "province_code": str, "province_former_code": str,
            "confidence": float, "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["meetings"].create_index(["article_id", "seq"], unique=True)
    db["meeting_members"].create(
        {"id": int, "meeting_id": int, "organisation_id": int, "name": str},
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id"), ("organisation_id", "organisations", "id")],
    )
    db["meeting_members"].create_index(["meeting_id"])
    db["meeting_attendees"].create(
        {"id": int, "meeting_id": int, "name": str, "title": str, "organisation": str},
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db["meeting_attendees"].create_index(["meeting_id"])
    db["meeting_attendees"].create_index(["name"])


@migrations()
def m003_stories_view(db: Database) -> None:
    """One row per story: syndicated copies (duplicate_of set) left out, so that facets and
    counts over `stories` do not count a story published on three sites three times."""
    db.execute("drop view if exists stories")
    db.execute("create view stories as select * from articles where duplicate_of is null")


@migrations()
def m004_source_status(db: Database) -> None:
    """A source's life (active, frozen, gone: archive/sources.py), so `thidua status` and
    the UI can tell a stopped outlet from a broken crawl."""
    if "status" not in db["sources"].columns_dict:
        db["sources"].add_column("status", str)


@migrations()
def m005_captures(db: Database) -> None:
    """Web-archive captures found for a source and what became of each (archive/backfill.py
    owns both tables); `backfill_cursors` is where a listing stopped, so a killed backfill
    resumes instead of listing again."""
    db["captures"].create(
        {
            "id": int, "source_id": str, "archive": str, "url": str, "original": str,
            "timestamp": str, "captured_at": str, "mime": str, "status": int, "digest": str,
            "filename": str, "offset": int, "length": int, "state": str, "message": str,
            "page_id": int, "article_id": int, "crawl_id": int, "fetched_at": str,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id"), ("page_id", "pages", "id")],
        if_not_exists=True,
    )
    db["captures"].create_index(["archive", "original"], unique=True, if_not_exists=True)
    db["captures"].create_index(["source_id", "state"], if_not_exists=True)
    db["backfill_cursors"].create(
        {"key": str, "source_id": str, "archive": str, "endpoint": str, "cursor": str,
         "done": int, "updated_at": str},
        pk="key", if_not_exists=True,
    )


@migrations()
def m006_page_versions(db: Database) -> None:
    """Bodies move out of `pages` into `page_versions` (one row per distinct body of a URL).

    A re-fetch used to overwrite the page's body in place, so one night of error pages cost
    the good copy; now every body is a version of its own and `pages` keeps small rows. The
    bodies are moved as they are (zlib); `articles.version_id` records which body an article
    was extracted from.
    """
    db["page_versions"].create(
        {
            "id": int, "page_id": int, "sha256": str, "fetched_at": str, "status": int,
            "headers": str, "encoding": str, "size": int, "compressed_size": int,
            "codec": str, "dict_id": int, "body": bytes,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["page_versions"].create_index(["page_id", "sha256"], unique=True)
    db["pages"].add_column("version_id", int)
    db.execute(
        "insert into page_versions (page_id, sha256, fetched_at, status, headers, encoding, "
        "size, compressed_size, codec, body) select id, sha256, fetched_at, status, headers, "
        "encoding, size, compressed_size, 'zlib', body from pages where body is not null")
    db.execute("update pages set version_id = "
               "(select v.id from page_versions v where v.page_id = pages.id)")
    db.execute("alter table pages drop column body")
    db.execute("alter table pages drop column compressed_size")  # a version's, not the page's
    db["articles"].add_column("version_id", int)
    db.execute("update articles set version_id = "
               "(select p.version_id from pages p where p.id = articles.page_id)")
    db["articles"].create_index(["page_id"])


@migrations()
def m007_crawl_state(db: Database) -> None:
    """Runs and listing walks (archive/crawls.py owns both): a killed run must be told apart
    from a running one, and a listing walk that never reached its end must be finished by a
    later run instead of being taken for complete."""
    db["runs"].create(
        {"run_id": str, "kind": str, "started_at": str, "finished_at": str, "status": str,
         "finish_reason": str, "pid": int, "host": str},
        pk="run_id", if_not_exists=True,
    )
    db.execute(
        "insert or ignore into runs (run_id, kind, started_at, finished_at, status) "
        "select run_id, 'crawl', min(started_at), max(finished_at), "
        "case when sum(status = 'running') > 0 then 'running' else 'finished' end "
        "from crawls where run_id is not null group by run_id")
    db["walks"].create(
        {"source_id": str, "start_url": str, "state": str, "complete_depth": int,
         "completed_at": str, "resume_page": int, "resume_url": str, "run_id": str,
         "progress": str, "updated_at": str},
        pk=("source_id", "start_url"),
        foreign_keys=[("source_id", "sources", "id")], if_not_exists=True,
    )
    db["crawls"].create_index(["run_id"], if_not_exists=True)
    db["crawls"].create_index(["source_id"], if_not_exists=True)


@migrations()
def m008_meeting_kinds(db: Database) -> None:
    """Every kind a meeting covers ("tổng kết; ký kết giao ước thi đua", joined by "; " as the
    exports join members) and the period it plans for (next_period), as the extractor found
    them since version 12. Rows archived earlier keep NULL until `thidua reparse`."""
    columns = db["meetings"].columns_dict
    if "kinds" not in columns:
        db["meetings"].add_column("kinds", str)
    if "next_period" not in columns:
        db["meetings"].add_column("next_period", str)


@migrations()
def m009_page_dicts(db: Database) -> None:
    """zstd dictionaries per source; an archive's existing bodies are recompressed with them.

    Each source with enough stored bodies gets its dictionary now (archive/rawcodec.py), and
    its zlib bodies are recompressed in place (about 1 ms a page). The file keeps its size
    until `VACUUM` returns the freed pages; new pages reuse them in the meantime.
    """
    from archive import rawstore

    db["page_dicts"].create(
        {"id": int, "source_id": str, "created_at": str, "level": int, "samples": int,
         "size": int, "body": bytes},
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["page_dicts"].create_index(["source_id"])
    # versions are found by page, then compared by hash: an index of (page_id) is a tenth of
    # one holding every 64-character hash as well
    db.execute("drop index if exists idx_page_versions_page_id_sha256")
    db["page_versions"].create_index(["page_id"])
    sources = [row[0] for row in db.execute(
        "select p.source_id from page_versions v join pages p on p.id = v.page_id "
        "where p.source_id is not null group by p.source_id having count(*) >= ?",
        [rawstore.DICT_MIN_PAGES])]
    for source_id in sources:
        rawstore.train_source(db, source_id)


@migrations()
def m010_clusters_and_people(db: Database) -> None:
    """Clusters and people over time (archive/clusters.py, archive/people.py), the provinces
    for the map (archive/atlas.py), and the province where a story happened
    (`articles.story_province`, set with has_meeting by store.upsert_meetings). All derived:
    filled here from what an older archive already holds."""
    db["clusters"].create({
        "id": int, "key": str, "name": str, "cluster_kind": str, "cluster_number": int,
        "province": str, "province_current": str, "spellings": str, "first_year": int,
        "last_year": int, "years": int, "meetings": int}, pk="id")
    db["clusters"].create_index(["key"], unique=True)
    db["cluster_years"].create({
        "id": int, "cluster_id": int, "year": int, "members": str, "hosts": str, "chairs": str,
        "kinds": str, "meetings": int, "meeting_ids": str},
        pk="id", foreign_keys=[("cluster_id", "clusters", "id")])
    db["cluster_years"].create_index(["cluster_id", "year"])
    # no foreign key to meetings: store.upsert_meetings replaces an article's meetings before
    # archive/clusters.py re-links them
    db["cluster_meetings"].create({
        "id": int, "cluster_id": int, "meeting_id": int, "article_id": int, "year": int},
        pk="id", foreign_keys=[("cluster_id", "clusters", "id")])
    for cols in (["cluster_id"], ["meeting_id"], ["article_id"]):
        db["cluster_meetings"].create_index(cols)
    db["people"].create({
        "id": int, "key": str, "name": str, "organisation": str, "province": str, "titles": str,
        "first_year": int, "last_year": int, "meetings": int}, pk="id")
    db["people"].create_index(["key"], unique=True)
    db["people"].create_index(["name"])
    db["person_meetings"].create({
        "id": int, "person_id": int, "meeting_id": int, "article_id": int, "attendee_id": int,
        "year": int, "title": str, "organisation": str},
        pk="id", foreign_keys=[("person_id", "people", "id")])
    for cols in (["person_id"], ["meeting_id"], ["article_id"], ["attendee_id"]):
        db["person_meetings"].create_index(cols)
    db["provinces"].create({"id": int, "name": str, "code": str, "latitude": float,
                            "longitude": float, "wards": int}, pk="id")
    db["articles"].add_column("story_province", str)
    db["articles"].add_column("story_province_former", str)
    db["articles"].create_index(["story_province"])
    from archive import atlas, store

    store.set_story_provinces(db)
    # clusters and people are derived by m011 and m012, which add the tables they count in
    atlas.save_provinces(db)


@migrations()
def m011_cluster_spellings(db: Database) -> None:
    """What a page adds to a cluster is counted, not recomputed from all its meetings
    (archive/clusters.py): the spelling counts its name comes from, and an index that finds a
    cluster's links of one year (only the years a page touches are recomputed)."""
    db["cluster_meetings"].create_index(["cluster_id", "year", "meeting_id"], if_not_exists=True)
    db["cluster_spellings"].create({"id": int, "cluster_id": int, "spelling": str, "meetings": int,
                                    "first_meeting": int}, pk="id",
                                   foreign_keys=[("cluster_id", "clusters", "id")])
    db["cluster_spellings"].create_index(["cluster_id", "spelling"], unique=True)
    # filled by m013, which adds the column the counts are taken out by


@migrations()
def m012_person_values(db: Database) -> None:
    """What a page adds to a person is counted, not recomputed from all the person's meetings
    (archive/people.py): how many meetings gave each title and organisation, and the first."""
    db["person_values"].create({"id": int, "person_id": int, "field": str, "folded": str,
                                "value": str, "meetings": int, "first_year": int,
                                "first_meeting": int, "first_attendee": int}, pk="id",
                               foreign_keys=[("person_id", "people", "id")])
    db["person_values"].create_index(["person_id", "field", "folded"], unique=True)
    # filled by m013, which adds the column the counts are taken out by


@migrations()
def m013_links_counted_out(db: Database) -> None:
    """What a page takes away from a cluster or a person (a re-extraction, a reparse) is
    counted out, not recomputed from all its meetings (archive/clusters.py, archive/people.py):
    each link keeps what it counted — how its meeting spelt the cluster's name, the attendee's
    title folded — and indexes find the first link left that gives a value, and a person's
    first and last year. The single-column indexes on cluster_id and person_id are prefixes of
    these and go."""
    db["cluster_meetings"].add_column("spelling", str)
    db["cluster_meetings"].create_index(["cluster_id", "spelling", "meeting_id"], if_not_exists=True)
    db["person_meetings"].add_column("title_folded", str)
    for cols in (["person_id", "year"],
                 ["person_id", "title_folded", "year", "meeting_id", "attendee_id"],
                 ["person_id", "organisation", "year", "meeting_id", "attendee_id"]):
        db["person_meetings"].create_index(cols, if_not_exists=True)
    db.conn.execute("drop index if exists idx_cluster_meetings_cluster_id")
    db.conn.execute("drop index if exists idx_person_meetings_person_id")
    from archive import clusters, people

    clusters.rebuild(db)
    people.rebuild(db)


@migrations()
def m014_text_dicts(db: Database) -> None:
    """zstd dictionaries of article text, one per source (archive/textstore.py), for archives
    packed with `thidua pack`: its text then lives compressed in `articles.body_z` and `body`
    reads it back. Packing is a step of its own, not this migration: a packed archive's
    `body` needs the archive's article_text() function, which a bare sqlite3 client lacks."""
    db["text_dicts"].create(
        {"id": int, "source_id": str, "created_at": str, "level": int, "samples": int,
         "size": int, "body": bytes},
        pk="id", if_not_exists=True,
    )
    db["text_dicts"].create_index(["source_id"], if_not_exists=True)


def apply(db: Database) -> None:
    """Bring `db` to the current schema, then make sure the search index exists."""
    migrations.apply(db)
    from archive import search

    search.ensure_search(db)
