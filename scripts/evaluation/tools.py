"""The two extractors `make eval` compares on the same pages, in one result shape, and their speed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

SPEED_PASSES = 3
Tool = Callable[[str, str], dict[str, Any]]


def ours(html: str, url: str) -> dict[str, Any]:
    """archive.extract.extract_article's answer in the scored shape."""
    from archive.extract import extract_article

    r = extract_article(html, url)
    return {"is_article": r["is_article"], "title": r["title"], "published": r["published_at"],
            "author": r["author"], "body": r["body"], "lead": r["lead"]}


def trafilatura_tool(html: str, url: str) -> dict[str, Any]:
    """trafilatura's bare_extraction with metadata (extract_metadata where it gives no title)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    d = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    if not d.get("title"):
        meta = extract_metadata(html, default_url=url)
        if meta is not None:
            m = meta.as_dict() if hasattr(meta, "as_dict") else dict(meta)
            d = {**m, **{k: v for k, v in d.items() if v}}
    return {"is_article": (d.get("pagetype") or "").lower() == "article" and bool(d.get("text")),
            "title": d.get("title"), "published": d.get("date"), "author": d.get("author"),
            "body": d.get("text") or "", "lead": d.get("description")}


TOOLS: tuple[tuple[str, Tool], ...] = (("ours", ours), ("trafilatura", trafilatura_tool))


def timed(fn: Tool, pages: list[tuple[str, str]]) -> tuple[list[dict[str, Any]], float]:
    """The tool's results on every page (a warm-up run) and its pages/s over SPEED_PASSES more."""
    results = [fn(html, url) for html, url in pages]  # warm-up, and the results scored
    start = time.perf_counter()
    for _ in range(SPEED_PASSES):
        for html, url in pages:
            fn(html, url)
    elapsed = time.perf_counter() - start
    return results, (SPEED_PASSES * len(pages) / elapsed) if elapsed else 0.0
