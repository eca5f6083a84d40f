"""The listing walk's bookkeeping, apart from link discovery: which leg of which walk a listing
request belongs to, when the walk may stop early, and what the crawl state is told.

A walk is one listing (source × start URL) read page after page. Its plan comes from the
crawl state (archive.crawls.plan_walks): stop early on known pages only when an earlier walk
finished, and continue a walk that `max_pages` cut off. Every listing request carries its walk
in `request.meta[WALK]`; the spider reports each page read and how each leg ended.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Request

from archive.crawls import WalkPlan

WALK = "thidua_walk"  # request.meta key: {"start": URL, "leg": "head"|"resume", "early": bool, "first": int}


def walk_legs(plan: WalkPlan) -> list[tuple[str, int, dict[str, Any]]]:
    """(URL, first page number, walk meta) of each leg a run walks for this plan."""
    legs = [(plan.start_url, 1, {"start": plan.start_url, "leg": "head",
                                 "early": plan.early_stop, "first": 1})]
    if plan.resume_url and plan.resume_page:
        legs.append((plan.resume_url, plan.resume_page,
                     {"start": plan.start_url, "leg": "resume", "early": False,
                      "first": plan.resume_page}))
    return legs


def may_stop_early(request: Request) -> bool:
    """Whether pages of known articles may end this walk (see WalkPlan.early_stop)."""
    walk = request.meta.get(WALK)
    return bool(walk.get("early", True)) if walk else True


def page_limit(request: Request, max_pages: int) -> int:
    """The last page this leg may read: each leg gets `max_pages` pages."""
    walk = request.meta.get(WALK)
    return int(walk.get("first") or 1) + max_pages - 1 if walk else max_pages


def reached(recorder: Any, request: Request, *, page: int, url: str, streak: int) -> None:
    walk = request.meta.get(WALK)
    if walk:
        recorder.walk_reached(request.meta.get("source_id"), walk["start"], leg=walk["leg"],
                              page=page, url=url, streak=streak)


def ended(recorder: Any, request: Request, cause: str) -> None:
    walk = request.meta.get(WALK)
    if walk:
        recorder.walk_ended(request.meta.get("source_id"), walk["start"], leg=walk["leg"],
                            cause=cause)
