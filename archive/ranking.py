"""The ranked search: the newest matches of a query, ordered by how well they match.

Why a window: scoring every match costs as much as there are matches, and the words people
search for here (`thi đua`, `sơ kết`) are in nearly every article. So the ranking reads a bounded
set of candidates and orders only those:

- the `WINDOW` newest articles holding all the words (the index's rowids are search keys in
  publication order, archive/search.py, so this is a LIMIT, whatever the number of matches);
- when more match than that, also up to `PHRASE_ROWS` articles holding the words as one phrase
  among the `PHRASE_WINDOW` newest matches, so an exact phrase of common words
  (`Cum thi dua so 7`) is found beyond the first window.

The candidates are then ranked by tiers (phrase and near by FTS5 over the candidates' key
range, exact accents and the score on each candidate's text, read once):
1. **exact accents** — only for words the user typed with marks: `thể` ranks the articles
   holding `thể` above those holding `the`; `Thanh Hoa`, typed without marks, has no such tier
   (a person named "Thanh Hoa" must not beat the province Thanh Hóa on spelling);
2. **phrase** — all the words, folded, consecutive in one field (title, lead, body, author,
   captions);
3. **near** — all the words within four other words of each other in one field;
4. **score** — bm25 with title > lead > body weights, its document frequencies estimated on the
   `DF_SAMPLE` newest articles; rows tied at three decimals (words most articles hold score
   about 0) come newest first.

Only the tiers that reach the first `limit` hits are scored (`_to_score`): a candidate of a lower
tier sorts after them whatever its score, so its text is never scanned for the query's terms
(with 50 phrase holders among 150 candidates, 100 texts fewer); every candidate's length still
counts in the average length, so the scores are those of a full ranking.
When no word is worth counting (every candidate holds them all) and none was typed with
marks, every score is 0: only the candidates' dates are read, and the text of the page's hits.

What this changes, and the page says so: an article older than the window is not ranked unless
the window holds all matches (`Ranked.complete`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.search import (
    FTS_TABLE,
    ID_MASK,
    any_spelling,
    composed,
    fold_word,
    fts_query,
    indexed_count,
    indexed_keys_sql,
    is_marked,
    lower_case,
    near_query,
    phrase_query,
    query_words,
    vi_snippet,
    window_floor,
    word_matches,
)

WINDOW = 100
PHRASE_WINDOW = 3000
PHRASE_ROWS = 50
DF_SAMPLE = 5000
NEAR = 4
FIELDS = ("title", "lead", "body", "author", "captions")
WEIGHTS = {"title": 10.0, "lead": 4.0, "body": 1.0, "author": 2.0, "captions": 1.0}
K1, B = 1.2, 0.75


@dataclass
class Hit:
    id: int
    title: str
    date: str
    province: str | None
    organisation: str | None
    url: str
    exact_match: int
    phrase_match: int
    near_match: int
    score: float
    published_at: str = ""
    snippet: str = ""
    meetings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ranked:
    query: str
    hits: list[Hit]
    candidates: int          # articles ranked
    complete: bool           # every matching article was a candidate
    words: int               # words in the query
    marked: list[str]        # words typed with marks (the exact-accent tier)

    @property
    def phrase_found(self) -> bool:
        return any(h.phrase_match for h in self.hits)


@dataclass
class _Query:
    text: str
    terms: list[str]                     # folded, in order
    marked: list[str]                    # typed with marks, lower case
    marked_res: list[re.Pattern[str]]    # those words, as typed, for `word_matches`

    @classmethod
    @lru_cache(maxsize=256)
    def parse(cls, text: str) -> _Query:
        words = query_words(text)
        marked = list(dict.fromkeys(w.lower() for w in words if is_marked(w)))
        return cls(text, [fold_word(w) for w in words], marked,
                   [re.compile(rf"{re.escape(w)}(?!\w)") for w in marked])


@lru_cache(maxsize=256)
def _terms_re(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Any of `terms` in any spelling, for `word_matches`."""
    if not terms:
        return None
    alternation = "|".join(any_spelling(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?!\w)")


def _texts(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, text as stored) of a candidate's non-empty fields."""
    return [(f, row[f]) for f in FIELDS if row[f]]


def _composed(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts NFC, for the regexes: checked only for the candidates they are run on."""
    return [(f, composed(t)) for f, t in texts]


def _length(texts: list[tuple[str, str]]) -> int:
    """Words, as spaces + 1 a field: NFC never adds or removes a space, so the stored text
    gives the same length as its NFC form."""
    return sum(t.count(" ") + 1 for _, t in texts)


def _exact(q: _Query, texts: list[tuple[str, str]], lowered: list[str]) -> int:
    """1 when every word typed with marks is in the text as typed."""
    return int(bool(q.marked_res) and all(
        any(word_matches(p, t, low) for (_, t), low in zip(texts, lowered)) for p in q.marked_res))


def _term_frequencies(texts: list[tuple[str, str]], lowered: list[str],
                      counted: re.Pattern[str]) -> dict[str, float]:
    """Weighted frequencies of the `counted` terms, by C-speed regex scans (no per-word
    Python)."""
    tf: dict[str, float] = {}
    for (f, text), low in zip(texts, lowered):
        for a, b in word_matches(counted, text, low):
            term = fold_word(text[a:b])
            tf[term] = tf.get(term, 0.0) + WEIGHTS[f]
    return tf


def _to_score(tiers: dict[int, tuple[int, int, int]], limit: int) -> set[int]:
    """The keys whose tier (exact, phrase, near) can reach the first `limit` hits: whole tiers,
    best first, until they hold `limit` keys. A key of a lower tier sorts after all of them
    whatever its score, so its text need not be scanned for the query's terms."""
    by_tier: dict[tuple[int, int, int], list[int]] = {}
    for key, tier in tiers.items():
        by_tier.setdefault(tier, []).append(key)
    chosen: set[int] = set()
    for tier in sorted(by_tier, reverse=True):
        if len(chosen) >= limit:
            break
        chosen.update(by_tier[tier])
    return chosen


def _doc_frequencies(conn: Any, terms: set[str]) -> tuple[dict[str, int], int]:
    """How many of the DF_SAMPLE newest articles hold each term, and the sample's size: each
    count stops at the sample, so common words cost no more than rare ones."""
    floor = conn.execute(f"{indexed_keys_sql()} ORDER BY id DESC LIMIT 1 OFFSET ?",
                         [DF_SAMPLE - 1]).fetchone()
    low = floor[0] if floor else -1
    size = DF_SAMPLE if floor else indexed_count(conn)
    df = {t: conn.execute(f"SELECT count(*) FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ? "
                          "AND rowid >= ?", [f'"{t}"', low]).fetchone()[0] for t in terms}
    return df, max(size, 1)


def _idf(df: int, n: int) -> float:
    """bm25's inverse document frequency, floored like FTS5's: a word most articles hold
    weighs about nothing."""
    return max(1e-6, math.log((n - df + 0.5) / (df + 0.5)))


def _score(length: int, tf: dict[str, float], idf: dict[str, float], avg_length: float
           ) -> float:
    """FTS5's bm25 formula on the weighted term frequencies (higher is better here), rounded:
    rows tied at three decimals come newest first."""
    norm = K1 * (1 - B + B * length / max(avg_length, 1.0))
    return round(sum(idf[t] * f * (K1 + 1) / (f + norm) for t, f in tf.items()), 3)


def _tf(texts: list[tuple[str, str]], lowered: list[str] | None,
        counted: re.Pattern[str] | None) -> dict[str, float]:
    if counted is None:
        return {}
    if lowered is None:
        texts = _composed(texts)
        lowered = [lower_case(t) for _, t in texts]
    return _term_frequencies(texts, lowered, counted)


def _hit(row: dict[str, Any], tier: tuple[int, int, int], score: float) -> Hit:
    return Hit(id=row["id"], title=row["title"] or "", date=(row["published_at"] or "")[:10],
               province=row["province"], organisation=row["organisation"], url=row["url"],
               exact_match=tier[0], phrase_match=tier[1], near_match=tier[2], score=score,
               published_at=row["published_at"] or "")


def _keys(conn: Any, match: str, low: int, limit: int | None = None) -> list[int]:
    sql = (f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ? AND rowid >= ? "
           "ORDER BY rowid DESC")
    args: list[Any] = [match, low]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return [r[0] for r in conn.execute(sql, args)]


@dataclass
class Candidates:
    window: list[int]            # keys of the WINDOW newest matches
    phrase_holders: set[int]     # keys of older articles found holding the phrase
    complete: bool               # the window holds every match

    @property
    def keys(self) -> list[int]:
        return sorted(set(self.window) | self.phrase_holders, reverse=True)


def candidates(conn: Any, query: str) -> Candidates:
    """The WINDOW newest matches, plus up to PHRASE_ROWS phrase holders among the
    PHRASE_WINDOW newest when more match."""
    match = fts_query(query)
    if match is None:
        return Candidates([], set(), True)
    window = _keys(conn, match, -1, WINDOW)
    if len(window) < WINDOW:
        return Candidates(window, set(), True)
    phrase = phrase_query(query)
    older: set[int] = set()
    if phrase:
        older = set(_keys(conn, phrase, window_floor(conn, match, PHRASE_WINDOW) or -1,
                          PHRASE_ROWS)) - set(window)
    return Candidates(window, older, False)


def _tiers(conn: Any, query: str, found: Candidates) -> tuple[set[int], set[int]]:
    """Keys holding the words as one phrase, and within NEAR words of each other: FTS5 over the
    window's key range (bounded by the window); the older phrase holders hold both."""
    low = min(found.window)
    phrase, near = phrase_query(query), near_query(query, NEAR)
    window = set(found.window)
    in_phrase = window & set(_keys(conn, phrase, low)) if phrase else window
    in_near = (window & set(_keys(conn, near, low))) | in_phrase if near else window
    return in_phrase | found.phrase_holders, in_near | found.phrase_holders


_ROW_COLUMNS = ["id", *FIELDS, "published_at", "province", "organisation", "url"]
_ORDER_COLUMNS = ["id", "published_at"]   # all the ranking reads when no text is scanned


def _rows(conn: Any, keys: list[int], columns: list[str] = _ROW_COLUMNS
          ) -> dict[int, dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for i in range(0, len(keys), 500):
        chunk = [k & ID_MASK for k in keys[i:i + 500]]
        sql = (f"SELECT {', '.join(columns)} FROM articles "
               f"WHERE id IN ({', '.join('?' * len(chunk))})")
        for r in conn.execute(sql, chunk):
            rows[r[0]] = dict(zip(columns, r))
    return rows


def ranked_search(conn: Any, query: str, limit: int = 50) -> Ranked:
    """Rank the candidates of `query` (see the module docstring); the first `limit` hits come
    with their snippet and meetings."""
    q = _Query.parse(query or "")
    found = candidates(conn, query)
    if not found.keys:
        return Ranked(query, [], 0, True, len(q.terms), q.marked)
    in_phrase, in_near = _tiers(conn, query, found)
    df, n = _doc_frequencies(conn, set(q.terms))
    idf = {t: _idf(d, n) for t, d in df.items()}
    # words nearly every article holds add ~0 to every score: not worth reading the text for
    counted = _terms_re(frozenset(t for t, w in idf.items() if w > 1e-3))
    # no word to count and none typed with marks: every score is 0 and no text is read but
    # the page's (a candidate's length only divides its term frequencies)
    reads_text = counted is not None or bool(q.marked_res)
    rows = _rows(conn, found.keys, _ROW_COLUMNS if reads_text else _ORDER_COLUMNS)
    texts = {k: _texts(rows[k & ID_MASK]) if reads_text else []
             for k in found.keys if (k & ID_MASK) in rows}
    scores, tiers = _scores(q, texts, counted, idf, (in_phrase, in_near), limit)
    order = sorted(scores, key=lambda k: (*tiers[k], scores[k], rows[k & ID_MASK]["published_at"]
                                          or "", k & ID_MASK), reverse=True)[:limit]
    if not reads_text:
        rows = _rows(conn, order)
    top = [_hit(rows[k & ID_MASK], tiers[k], scores[k]) for k in order]
    for h in top:
        h.snippet = vi_snippet(" ".join(x for x in (rows[h.id]["lead"], rows[h.id]["body"]) if x),
                               query)
    _attach_meetings(conn, top)
    return Ranked(query, top, len(texts), found.complete, len(q.terms), q.marked)


def _scores(q: _Query, texts: dict[int, list[tuple[str, str]]], counted: re.Pattern[str] | None,
            idf: dict[str, float], in_tiers: tuple[set[int], set[int]], limit: int
            ) -> tuple[dict[int, float], dict[int, tuple[int, int, int]]]:
    """The score of each candidate that can reach the first `limit` hits, and every
    candidate's tier (exact, phrase, near)."""
    in_phrase, in_near = in_tiers
    lengths = {k: _length(ts) for k, ts in texts.items()}
    avg = sum(lengths.values()) / max(len(lengths), 1)   # over every candidate, scored or not
    if q.marked_res:   # the exact-accent tier reads every candidate's text
        texts = {k: _composed(ts) for k, ts in texts.items()}
    lowered = {k: [lower_case(t) for _, t in ts] for k, ts in texts.items()} if q.marked_res else {}
    tiers = {k: (_exact(q, ts, lowered.get(k, [])), int(k in in_phrase), int(k in in_near))
             for k, ts in texts.items()}
    scores = {k: _score(lengths[k], _tf(texts[k], lowered.get(k), counted), idf, avg)
              for k in _to_score(tiers, limit)}
    return scores, tiers


def _attach_meetings(conn: Any, hits: list[Hit]) -> None:
    """The meetings each hit reports: what the researcher is usually after."""
    if not hits:
        return
    by_id = {h.id: h for h in hits}
    marks = ", ".join("?" * len(by_id))
    cur = conn.execute(
        "SELECT article_id, id, kind, cluster_name, meeting_date, period_label FROM meetings "
        f"WHERE article_id IN ({marks}) ORDER BY article_id, seq", list(by_id))
    for article_id, meeting_id, kind, cluster, date, period in cur:
        by_id[article_id].meetings.append({"id": meeting_id, "kind": kind, "cluster": cluster,
                                           "date": date, "period": period})
