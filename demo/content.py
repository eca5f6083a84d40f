"""Ground truth of the bundled sample sites: the articles, as data.

Every article of the demo sites is one TOML file in ``demo/content/<site>/NN-slug.toml``. The
files are the truth the sites are rendered from *and* the answers tests and evaluations
compare the crawler's archive with, so nothing about an article lives anywhere else.
See demo/README.md for the keys.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"
SITES = ("ldld", "btdkt", "baotinh")
# Each site's article ids start here: ids stay unique across sites and stable per file.
_ID_BASE = {"ldld": 1000, "btdkt": 2000, "baotinh": 3000}

ARTICLE_KEYS = (
    "site", "slug", "id", "title", "published", "author", "byline", "lead", "paragraphs",
    "images", "category", "meetings", "path", "published_shown", "is_meeting",
)
MEETING_KEYS = (
    "kind", "title", "period_label", "period_start", "period_end", "cluster_kind",
    "cluster_name", "cluster_number", "host", "place", "meeting_date", "province",
    "province_former", "members", "attendees",
)


# Keys every meeting must spell out; the others may be left out when the text is silent.
MEETING_REQUIRED = ("kind", "title", "province", "members", "attendees")


class ContentError(Exception):
    """A content file is missing a field or holds a malformed value."""


def article_path(site: str, slug: str, article_id: int, category: str) -> str:
    """The URL path of an article on the demo server; each site has its own URL scheme."""
    if site == "ldld":
        return f"/ldld/tin/{slug}.html"
    if site == "btdkt":
        return f"/btdkt/tin-tuc/{article_id}/{slug}"
    if site == "baotinh":
        return f"/baotinh/{category}/{slug}-{article_id}.html"
    raise ContentError(f"unknown site {site!r}")


def shown_time(site: str, published: str) -> str:
    """What the page itself says about the time: ldld prints only the date."""
    if site == "ldld":
        return published[:10]
    return published


def _load_one(path: Path) -> dict[str, Any]:
    site = path.parent.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: {exc}") from exc
    number = int(path.stem.split("-", 1)[0])
    slug = path.stem.split("-", 1)[1]
    for key in ("title", "published", "author", "paragraphs", "category", "meetings"):
        if key not in data:
            raise ContentError(f"{path}: missing {key!r}")
    if datetime.fromisoformat(data["published"]).utcoffset() is None:
        raise ContentError(f"{path}: published needs +07:00")
    article: dict[str, Any] = {
        "site": site,
        "slug": slug,
        "id": _ID_BASE[site] + number,
        "title": data["title"],
        "published": data["published"],
        "author": data["author"],
        "byline": data.get("byline") or data["author"],
        "lead": data.get("lead") or None,
        "paragraphs": list(data["paragraphs"]),
        "images": [
            {"src": im["src"], "alt": im.get("alt", ""), "caption": im["caption"],
             "after": int(im["after"])}
            for im in data.get("images", [])
        ],
        "category": data["category"],
        "meetings": [],
    }
    for image in data.get("images", []):
        if "meetings" in image:
            raise ContentError(f"{path}: 'meetings = []' must come before the [[images]] tables")
    for m in data["meetings"]:
        missing = [k for k in MEETING_REQUIRED if k not in m]
        unknown = set(m) - set(MEETING_KEYS)
        if missing or unknown:
            raise ContentError(f"{path}: meeting lacks {missing} / has unknown {sorted(unknown)}")
        # TOML has no null: a key left out means "the text does not say".
        article["meetings"].append({k: m.get(k) for k in MEETING_KEYS})
    article["is_meeting"] = bool(article["meetings"])
    article["path"] = article_path(site, slug, article["id"], article["category"])
    article["published_shown"] = shown_time(site, article["published"])
    return article


@lru_cache(maxsize=1)
def _all() -> tuple[dict[str, Any], ...]:
    files = sorted(CONTENT_DIR.glob("*/[0-9]*-*.toml"))
    return tuple(_load_one(p) for p in files)


def load_articles(site: str | None = None) -> list[dict[str, Any]]:
    """All demo articles (or one site's), newest first, as fresh dicts safe to mutate."""
    import copy

    items = [copy.deepcopy(a) for a in _all() if site is None or a["site"] == site]
    return sorted(items, key=lambda a: (a["published"], a["id"]), reverse=True)


def body_text(article: dict[str, Any]) -> str:
    """The expected extracted body: paragraphs only (no captions, no byline, no lead)."""
    return "\n\n".join(article["paragraphs"])
