"""A synthetic archive of N articles of Vietnamese emulation news, for the benchmark.

Why generated and not crawled: a million articles is what the registry's sites hold, and a crawl
of that many local pages would take the benchmark a day. The text is assembled from sentence
templates of real-world shape (synthetic_vocab.toml, written for this project): clusters and
their numbers, provinces, organisations, people with titles, periods, awards; a few rare names
appear in three articles each, so a "rare query" has a known answer.

What makes it honest for search: publication dates are drawn independently of the row order
(a first crawl archives a site newest first, a backfill archives old pages last), articles are
2–4 KB like the real ones, and about 3 % are syndicated copies (`duplicate_of`), as on the real
sites. Rows go in with one `executemany` per batch inside one transaction, without the search
index: the `index` suite times building it, ours against `sqlite-utils enable-fts`.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from archive.normalize import fold

VOCAB_FILE = Path(__file__).with_name("synthetic_vocab.toml")
GENERATOR_VERSION = "3"  # part of the cache key of a generated archive
RARE_HITS = 3            # articles each rare name appears in
DUPLICATE_SHARE = 0.03   # syndicated copies
FIRST_DAY, LAST_DAY = date(2010, 1, 1), date(2025, 12, 31)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

COLUMNS = ("id", "url", "source_id", "title", "lead", "body", "author", "published_at", "year",
           "province", "province_former", "organisation", "images", "captions", "has_meeting",
           "content_hash", "fingerprint", "duplicate_of", "first_seen_at", "last_seen_at",
           "extractor_version", "extraction_paths", "story_province", "story_province_former")


@dataclass
class Generated:
    path: Path
    articles: int
    raw_text_bytes: int       # title, lead, body, author and caption text, UTF-8
    rare_names: list[str]


class _Template:
    """A template split once into literal text and placeholder names (formatting a million
    articles with re.sub per sentence would dominate the generator's time)."""

    def __init__(self, text: str) -> None:
        parts = _PLACEHOLDER.split(text)
        self.literals = parts[0::2]
        self.keys = parts[1::2]

    def fill(self, value: Callable[[str], str]) -> str:
        out = [self.literals[0]]
        for key, literal in zip(self.keys, self.literals[1:]):
            out.append(value(key))
            out.append(literal)
        return "".join(out)


def load_vocab(path: Path = VOCAB_FILE) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


class ArticleWriter:
    """Draws one article at a time from the vocabulary with its own seeded random source."""

    def __init__(self, vocab: dict[str, Any], seed: int) -> None:
        self.v = vocab
        self.rng = random.Random(seed)
        t = vocab["templates"]
        self.templates = {k: [_Template(s) for s in t[k]] for k in t}
        self.days = (LAST_DAY - FIRST_DAY).days
        self.sources = self._sources()

    def _sources(self) -> list[dict[str, str]]:
        """About 105 sources, as in the registry: ~1.7 per province."""
        rng, out = random.Random(7), []
        for i, province in enumerate(self.v["provinces"]):
            for k in range(1 + (i % 3 == 0)):
                org = rng.choice(self.v["organisations"]).format(p=province)
                slug = re.sub(r"[^a-z0-9]+", "-", fold(province)).strip("-")
                out.append({"id": f"syn-{slug}-{k}", "name": org, "organisation": org,
                            "province": province, "domain": f"{slug}{k}.example.vn"})
        return out

    def person(self) -> str:
        r, v = self.rng, self.v
        return f"{r.choice(v['family'])} {r.choice(v['middle'])} {r.choice(v['given'])}"

    def article(self, rare: str | None) -> dict[str, Any]:
        r, v = self.rng, self.v
        source = r.choice(self.sources)
        province = source["province"]
        day = FIRST_DAY + timedelta(days=r.randrange(self.days + 1))
        y = day.year
        meeting = r.random() < 0.4
        if r.random() < 0.5:
            cluster = f"{r.choice(v['cluster_kinds'])} số {r.randint(1, 15)}"
        else:
            cluster = f"{r.choice(v['cluster_kinds'])} {r.choice(v['cluster_names'])}"
        fixed = {
            "province": province, "cluster": cluster, "y": str(y), "y1": str(y + 1),
            "kind": r.choice(v["meeting_kinds"]),
            "period": r.choice(v["periods"]).format(y=y, y5=y - 5),
            "period2": r.choice(["6 tháng cuối năm", "năm tới", "thời gian tới"]),
            "org": source["organisation"], "d": str(day.day), "m": str(day.month),
        }
        value = self._values(fixed, province)
        t = self.templates
        title = r.choice(t["meeting_titles" if meeting else "news_titles"]).fill(value)
        lead = r.choice(t["meeting_leads" if meeting else "news_leads"]).fill(value)
        sentences = [s.fill(value) for s in r.sample(t["sentences"], r.randint(9, 18))]
        if rare:
            sentences.insert(r.randrange(len(sentences) + 1),
                             f"Đến dự có đồng chí {rare}, {r.choice(v['titles'])}.")
        paragraphs, i = [], 0
        while i < len(sentences):
            step = r.randint(1, 3)
            paragraphs.append(" ".join(sentences[i:i + step]))
            i += step
        captions = [c.fill(value) for c in r.sample(t["captions"], r.randint(0, 3))]
        author = r.choice([self.person(), "PV", f"{r.choice(v['given'])} {r.choice(v['given'])}"])
        return {
            "source": source, "title": title, "lead": lead, "body": "\n\n".join(paragraphs),
            "author": author, "captions": captions, "day": day, "meeting": meeting,
            "timed": r.random() < 0.6,
        }

    def _values(self, fixed: dict[str, str], province: str) -> Callable[[str], str]:
        r, v = self.rng, self.v
        drawn: dict[str, Callable[[], str]] = {
            "person": self.person, "title": lambda: r.choice(v["titles"]),
            "unit": lambda: f"{r.choice(v['units'])} {province}" if r.random() < 0.3 else r.choice(v["units"]),
            "n": lambda: str(r.randint(3, 60)), "n2": lambda: str(r.randint(5, 200)),
            "pct": lambda: f"{r.randint(1, 9)},{r.randint(0, 9)}",
            "pct2": lambda: f"{r.randint(3, 15)},{r.randint(0, 9)}",
            "campaign": lambda: r.choice(v["campaigns"]), "award": lambda: r.choice(v["awards"]),
            "q": lambda: r.choice(["I", "II", "III", "IV"]),
            "ordinal": lambda: r.choice(["II", "III", "IV", "V", "VI"]),
        }

        def value(key: str) -> str:
            return fixed[key] if key in fixed else drawn[key]()

        return value


def _row(i: int, a: dict[str, Any], duplicate_of: int | None) -> tuple[Any, ...]:
    source, day = a["source"], a["day"]
    published = day.isoformat() + ("T08:30:00+07:00" if a["timed"] else "")
    text = "\x1f".join((a["title"], a["lead"], a["body"], a["author"], published))
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    images = [f"https://{source['domain']}/uploads/{day.year}/{i}-{k}.jpg"
              for k in range(len(a["captions"]))]
    seen = f"{day.isoformat()}T20:00:00+00:00"
    return (
        i, f"https://{source['domain']}/tin-tuc/{day.year}/{day.month:02d}/bai-viet-{i}.html",
        source["id"], a["title"], a["lead"], a["body"], a["author"], published, day.year,
        source["province"], source["province"], source["organisation"],
        json.dumps(images), json.dumps(a["captions"], ensure_ascii=False), int(a["meeting"]),
        digest, digest, duplicate_of, seen, seen, "synthetic-" + GENERATOR_VERSION,
        '{"title": "h1", "body": "div.content"}', source["province"], source["province"],
    )


def raw_text_bytes(a: dict[str, Any]) -> int:
    parts = [a["title"], a["lead"], a["body"], a["author"], *a["captions"]]
    return sum(len(p.encode("utf-8")) for p in parts)


def rows(n: int, seed: int = 1) -> Iterator[tuple[tuple[Any, ...], int]]:
    """(row, raw text bytes) for articles 1..n; deterministic for a given n and seed."""
    vocab = load_vocab()
    writer = ArticleWriter(vocab, seed)
    plan = random.Random(seed + 1)
    rare_at: dict[int, str] = {}
    spots = plan.sample(range(1, n + 1), min(n, RARE_HITS * len(vocab["rare_names"])))
    for k, spot in enumerate(spots):
        rare_at[spot] = vocab["rare_names"][k // RARE_HITS]
    previous: list[tuple[int, dict[str, Any]]] = []
    for i in range(1, n + 1):
        if previous and i not in rare_at and plan.random() < DUPLICATE_SHARE:
            first_id, first = plan.choice(previous)
            copy = dict(first, source=writer.rng.choice(writer.sources))
            yield _row(i, copy, first_id), raw_text_bytes(copy)
            continue
        article = writer.article(rare_at.get(i))
        if i in rare_at:
            pass  # never copied: a rare name stays in exactly RARE_HITS articles
        elif len(previous) < 1000:
            previous.append((i, article))
        elif plan.random() < 0.01:
            previous[plan.randrange(len(previous))] = (i, article)
        yield _row(i, article, None), raw_text_bytes(article)


def sources(seed: int = 1) -> list[dict[str, str]]:
    return ArticleWriter(load_vocab(), seed).sources


def generate(path: Path, n: int, seed: int = 1, batch: int = 5000) -> Generated:
    """Write an archive of `n` synthetic articles to `path` (replaced), search index empty, and
    the same rows with the text plain to `plain_path(path)` (the peer's copy).

    The plain copy is filled with bulk inserts; `path` is that file packed in place by the
    archive's own `pack` (archive/textstore.py: the text compressed, a dictionary per source) —
    what `thidua pack` does to an archive — then vacuumed, so its rows are as dense as an
    ingest writes them.
    """
    from archive import textstore

    path, plain = Path(path), plain_path(Path(path))
    total = _write_plain(plain, n, seed, batch)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(plain, path)
    db = _open(path)
    textstore.pack(db)
    db.conn.execute("VACUUM")
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.close()
    return Generated(path, n, total, list(load_vocab()["rare_names"]))


def plain_path(path: Path) -> Path:
    """The copy of a generated archive with the article text stored plain."""
    return path.with_name(path.stem + "-plain" + path.suffix)


def _open(path: Path) -> Any:
    from archive.store import open_archive

    db = open_archive(path, migrate=False)
    db.conn.execute("PRAGMA cache_size = -262144")  # 256 MiB: the random-keyed indexes stay in memory
    # a rollback journal for bulk writes: WAL would write every new page twice (log, then
    # checkpoint); the archive goes back to WAL, as open_archive leaves it, at the end
    db.conn.execute("PRAGMA journal_mode = DELETE")
    return db


def _write_plain(path: Path, n: int, seed: int, batch: int) -> int:
    """The plain copy (see `generate`); returns the raw text bytes written."""
    from archive import schema, search

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = _open(path)
    schema.migrations.apply(db)   # not schema.apply: the index suite times the index build
    conn = db.conn
    total = 0
    marks = ", ".join("?" * len(COLUMNS))
    insert = f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({marks})"
    with conn:
        search.drop_index(conn)
        conn.executemany(
            "INSERT INTO sources (id, name, organisation, province, province_former, url) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(s["id"], s["name"], s["organisation"], s["province"], s["province"],
              f"https://{s['domain']}/") for s in sources(seed)])
        pending: list[tuple[Any, ...]] = []
        for row, size in rows(n, seed):
            pending.append(row)
            total += size
            if len(pending) >= batch:
                conn.executemany(insert, pending)
                pending.clear()
        conn.executemany(insert, pending)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return total
