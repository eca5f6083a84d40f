"""Distributed crawling, the archive's side: Redis keys, page messages and the one ingester.

Why this shape (the whole design; crawler/distributed.py is the Scrapy side):

    thidua crawl --redis URL --enqueue      next to the archive: publishes what is already
          │                                 archived, opens a run, pushes the start requests
          ▼
    Redis ─ thidua:requests (frontier, zset) ◀──┐  thidua:dupefilter (set, one per run)
          │ pop = move to thidua:inflight:<w>   │  children pushed before the parent's lease
          ▼                                     │  is released
    thidua crawl --redis URL   × N workers, any machine, no database
          │ fetched page → LPUSH thidua:pages (and release the lease, one transaction)
          ▼
    thidua ingest --redis URL --db archive.db   the one SQLite writer:
          BLMOVE thidua:pages → thidua:pages:processing, archive.ingest.ingest_page, LREM

- SQLite has one writer, so workers never open the archive: they push what they fetched (url,
  status, headers, zlib+base64 body, source id, fetch time) to a Redis list, and a single
  `thidua ingest` drains it through the same `archive.ingest.ingest_page` the single-machine
  crawl uses. It holds the archive's crawl lock, so a second ingester or a local `thidua crawl`
  into the same file is refused.
- Nothing fetched is lost when the ingester dies: a message is moved atomically (BLMOVE) to
  a processing list and removed only after the page is committed; a restarted ingester moves
  what it finds there back first. A page may then be ingested twice, which is harmless:
  ingest is an upsert by URL (the second time it reports `unchanged`).
- Nothing queued is lost when a worker dies: popping a request moves it, atomically, into
  that worker's in-flight set; it leaves that set only when everything its callback produced
  (child requests, the page message) is in Redis. Each worker keeps a heartbeat key with a
  TTL; whoever notices a worker whose heartbeat expired (another worker, or the ingester)
  moves its in-flight requests back to the frontier. So a SIGKILLed worker costs at most a
  repeated fetch, never a missing page. (Plain scrapy-redis drops the requests a killed worker
  had popped: their fingerprints stay in the dupefilter, so nobody fetches them again.)
- Incremental crawling without the database: the enqueue step, which runs where the archive
  is, adds every archived URL to the Redis set `thidua:known` (the ingester adds each page it
  archives), and the articles due for a conditional re-check to the hash `thidua:recheck`.
  Workers ask Redis instead of SQLite; everything else in the spider is unchanged.
- A run ends when the frontier, every in-flight set and the page list are empty and no
  worker is registered; the ingester then writes the run's `crawls` rows (one per source,
  the counters workers and ingester added to `thidua:counts:<run>:<source>`).

One archive per Redis database (`redis://host:6379/N`): the keys have a fixed prefix.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import time
import uuid
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archive import crawls, ingest, store

log = logging.getLogger(__name__)

MESSAGE_VERSION = 1
OPENING_TTL_S = 3600  # an enqueue that died mid-way stops blocking the next one after this


class QueueError(Exception):
    """Redis cannot be used as asked (unreachable, a run already in progress, no run queued)."""


class RunInProgressError(QueueError):
    """A run is already open in this Redis (`thidua crawl --enqueue` exits 3, like the lock)."""


@dataclass(frozen=True)
class Keys:
    """Every Redis key the distributed mode uses, in one place."""

    prefix: str = "thidua"

    @property
    def frontier(self) -> str:
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.prefix}:dupefilter"

    @property
    def pages(self) -> str:
        return f"{self.prefix}:pages"

    @property
    def processing(self) -> str:
        return f"{self.prefix}:pages:processing"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"

    @property
    def known(self) -> str:
        return f"{self.prefix}:known"

    @property
    def recheck(self) -> str:
        return f"{self.prefix}:recheck"

    @property
    def run(self) -> str:
        return f"{self.prefix}:run"

    @property
    def opening(self) -> str:
        return f"{self.prefix}:opening"

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}:worker:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def counts(self, run_id: str, source_id: str) -> str:
        return f"{self.prefix}:counts:{run_id}:{source_id}"


KEYS = Keys()

# Requests of workers whose heartbeat expired go back to the frontier (same score = same
# priority), atomically, so two workers noticing the same death cannot both take them.
RECOVER_LUA = """
local moved = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. ':worker:' .. w) == 0 then
    local inflight = ARGV[1] .. ':inflight:' .. w
    local n = redis.call('ZCARD', inflight)
    if n > 0 then
      redis.call('ZUNIONSTORE', KEYS[2], 2, KEYS[2], inflight, 'AGGREGATE', 'MIN')
      redis.call('DEL', inflight)
      moved = moved + n
    end
    redis.call('SREM', KEYS[1], w)
  end
end
return moved
"""


def redis_errors() -> tuple[type[BaseException], ...]:
    """The client library's error classes (none when it is not installed), for `except`."""
    try:
        import redis
    except ImportError:
        return ()
    return (redis.RedisError,)


def connect(url: str) -> Any:
    """A Redis client for `url`, checked with PING; errors say what to do."""
    try:
        import redis
    except ImportError as exc:
        raise QueueError("the redis client is not installed: pip install -e '.[redis]' "
                         "(make install does it)") from exc
    client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=60)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise QueueError(f"cannot reach Redis at {url} ({str(exc).rstrip('.')}): is redis-server running there, "
                         "and is the URL right (redis://host:6379/0)?") from exc
    return client


# -- messages -------------------------------------------------------------------------------

def encode_message(kind: str, **fields: Any) -> bytes:
    """One queue message: JSON; a page body travels zlib-compressed and base64-encoded."""
    body = fields.pop("body", None)
    msg = {"v": MESSAGE_VERSION, "kind": kind, **fields}
    if body is not None:
        msg["body_z"] = base64.b64encode(zlib.compress(body, 6)).decode("ascii")
    return json.dumps(msg, ensure_ascii=False).encode("utf-8")


def decode_message(raw: bytes | str) -> dict[str, Any]:
    """The inverse of encode_message; raises ValueError on anything else."""
    msg = json.loads(raw)
    if not isinstance(msg, dict) or msg.get("v") != MESSAGE_VERSION or "kind" not in msg:
        raise ValueError(f"not a thidua queue message (version {MESSAGE_VERSION})")
    if "body_z" in msg:
        msg["body"] = zlib.decompress(base64.b64decode(msg.pop("body_z")))
    return msg


# -- runs -------------------------------------------------------------------------------------

def read_run(client: Any, keys: Keys = KEYS) -> dict[str, Any] | None:
    raw = client.get(keys.run)
    return json.loads(raw) if raw else None


def start_run(client: Any, db: Database, sources: Iterable[Any], *, max_pages: int | None = None,
              since: str | None = None, recheck_days: float = 0,
              keys: Keys = KEYS) -> dict[str, Any]:
    """Prepare a run (archive side): crawls rows, known URLs and re-checks exported, a fresh
    dupefilter. The caller pushes the start requests, then `publish_run`s it."""
    current = read_run(client, keys)
    if current:
        raise RunInProgressError(
            f"run {current['run_id']} (started {current['started_at']}) is still in progress in "
            f"this Redis: {client.zcard(keys.frontier)} request(s) queued, "
            f"{client.llen(keys.pages)} page(s) waiting for the ingester. Let the workers and "
            "`thidua ingest` finish it, then enqueue again.")
    sources = list(sources)
    run_id = uuid.uuid4().hex[:12]
    # Two operators enqueueing at once both see "no run" above: the first to claim opens it.
    if not client.set(keys.opening, run_id, nx=True, ex=OPENING_TTL_S):
        raise RunInProgressError(
            f"another `thidua crawl --enqueue` is opening a run in this Redis right now; wait "
            f"for it (if it died, its claim {keys.opening} expires within {OPENING_TTL_S} s).")
    # No run is left in Redis: a distributed run the archive still marks running is dead.
    crawls.mark_dead_runs(db, kinds=("distributed",))
    with db.conn:
        for s in sources:
            store.save_source(db, s)
    opened = crawls.open_run(db, [s.id for s in sources], kind="distributed", run_id=run_id)
    plans = crawls.plan_walks(db, run_id, [(s.id, u) for s in sources for u in s.start_urls])
    run = {"run_id": run_id, "started_at": opened.started_at,
           "sources": [s.id for s in sources], "max_pages": max_pages, "since": since,
           "walks": [dataclasses.asdict(p) for p in plans.values()]}
    export_known(client, db, [s.id for s in sources], recheck_days=recheck_days, keys=keys)
    client.delete(keys.dupefilter)
    return run


def publish_run(client: Any, run: Mapping[str, Any], keys: Keys = KEYS) -> None:
    """After the start requests are queued: workers and the ingester now see the run."""
    client.set(keys.run, json.dumps(dict(run)))
    client.delete(keys.opening)


def abandon_run(client: Any, db: Database, run: Mapping[str, Any], error: str,
                keys: Keys = KEYS) -> None:
    """An enqueue that failed before publishing: its `crawls` rows say so instead of staying
    'running' for good, the start requests it had queued go (no worker has seen the run), and
    the claim is released so the next enqueue can start."""
    crawls.fail_run(db, run["run_id"], error)
    client.delete(keys.frontier, keys.dupefilter, keys.opening)


def export_known(client: Any, db: Database, source_ids: list[str], *, recheck_days: float = 0,
                 keys: Keys = KEYS, chunk: int = 5000) -> int:
    """Archived URLs → `known` (workers skip them); old ones → `recheck` (conditional GET)."""
    batch: list[str] = []
    total = 0

    def flush() -> None:
        nonlocal total
        if batch:
            client.sadd(keys.known, *batch)
            total += len(batch)
            batch.clear()

    recheck: dict[str, str] = {}
    for _, url, due in crawls.archived_urls(db, source_ids, recheck_days):
        batch.append(url)
        if due is not None:
            recheck[url] = json.dumps(due)
        if len(batch) >= chunk:
            flush()
    flush()
    client.delete(keys.recheck)
    if recheck:
        client.hset(keys.recheck, mapping=recheck)
    return total


def recover_dead_workers(client: Any, keys: Keys = KEYS) -> int:
    """Requeue the in-flight requests of workers whose heartbeat expired; returns how many."""
    return int(client.eval(RECOVER_LUA, 2, keys.workers, keys.frontier, keys.prefix))


def pending_work(client: Any, keys: Keys = KEYS) -> dict[str, int]:
    """What is left of the current run, by place."""
    workers = [w.decode() if isinstance(w, bytes) else w for w in client.smembers(keys.workers)]
    pipe = client.pipeline(transaction=False)
    pipe.zcard(keys.frontier)
    pipe.llen(keys.pages)
    pipe.llen(keys.processing)
    for w in workers:
        pipe.zcard(keys.inflight(w))
    frontier, pages, processing, *inflight = pipe.execute()
    return {"frontier": frontier, "inflight": sum(inflight), "workers": len(workers),
            "pages": pages, "processing": processing}


def finish_run(client: Any, db: Database, run: Mapping[str, Any], keys: Keys = KEYS) -> list[dict]:
    """Write the run's `crawls` rows from the Redis counters; forget the run in Redis."""
    counts = {}
    for sid in run["sources"]:
        raw = client.hgetall(keys.counts(run["run_id"], sid))
        counts[sid] = {k.decode(): int(v) for k, v in raw.items()}
    rows = crawls.close_run(db, run["run_id"], counts)
    client.delete(keys.run, *[keys.counts(run["run_id"], s) for s in run["sources"]])
    return rows


# -- the ingester ---------------------------------------------------------------------------

class Ingester:
    """Drains `pages` into the archive; reliable through the `processing` list."""

    def __init__(self, client: Any, db: Database, sources: Mapping[str, Any],
                 keys: Keys = KEYS) -> None:
        self.client = client
        self.db = db
        self.sources = dict(sources)
        self.keys = keys
        self.crawl_ids: dict[tuple[str, str], int | None] = {}
        self.done = 0

    def recover(self) -> int:
        """Messages a killed ingester had taken but not finished go back to the queue."""
        moved = 0
        while self.client.lmove(self.keys.processing, self.keys.pages, "RIGHT", "RIGHT"):
            moved += 1
        if moved:
            log.warning("ingest: %d page(s) left unfinished by a previous ingester were requeued",
                        moved)
        return moved

    def crawl_id(self, run_id: str | None, source_id: str | None) -> int | None:
        if not run_id or not source_id:
            return None
        key = (run_id, source_id)
        if key not in self.crawl_ids:
            self.crawl_ids[key] = crawls.crawl_id(self.db, run_id, source_id)
        return self.crawl_ids[key]

    def count(self, msg: Mapping[str, Any], **counts: int) -> None:
        if not msg.get("run_id") or not msg.get("source_id"):
            return
        key = self.keys.counts(msg["run_id"], msg["source_id"])
        pipe = self.client.pipeline(transaction=False)
        for name, n in counts.items():
            if n:
                pipe.hincrby(key, name, n)
        pipe.execute()

    def handle(self, raw: bytes) -> str:
        """Archive one message. Store errors propagate (the message stays in processing)."""
        try:
            msg = decode_message(raw)
        except (ValueError, zlib.error) as exc:
            store.record_failure(self.db, url=None, stage="queue",
                                 message=f"unreadable queue message: {exc}: {raw[:200]!r}")
            return "unreadable"
        kind, url, source_id = msg["kind"], msg.get("url"), msg.get("source_id")
        crawl_id = self.crawl_id(msg.get("run_id"), source_id)
        if kind == "page":
            source = self.sources.get(source_id)
            if source is None and source_id:
                log.warning("ingest: source %s is not in this registry; %s archived without "
                            "its rules", source_id, url)
            result = ingest.ingest_page(
                self.db, url=url, body=msg["body"], status=int(msg.get("status") or 200),
                headers=msg.get("headers") or {}, source=source, crawl_id=crawl_id,
                fetched_at=msg.get("fetched_at"))
            self.client.sadd(self.keys.known, url, result.url)
            self.count(msg, items=1, **crawls.outcome_counts(result.outcome, result.meetings))
            return result.outcome
        if kind == "touch":
            store.touch_page(self.db, url, msg.get("fetched_at"))
            return "touched"
        if kind == "walk":
            if msg.get("cause"):
                crawls.walk_ended(self.db, msg["run_id"], source_id, msg["start_url"],
                                  leg=msg["leg"], cause=msg["cause"])
            else:
                crawls.walk_reached(self.db, msg["run_id"], source_id, msg["start_url"],
                                    leg=msg["leg"], page=int(msg["page"]), url=url,
                                    streak=int(msg.get("streak") or 0))
            return "walk"
        if kind == "failure":
            store.record_failure(self.db, url=url, stage=msg.get("stage") or "fetch",
                                 message=msg.get("message") or "", source_id=source_id,
                                 crawl_id=crawl_id)
            return "failure"
        store.record_failure(self.db, url=url, stage="queue", message=f"unknown message kind {kind}")
        return "unreadable"

    def step(self, timeout: float) -> bool:
        """Take one message (waiting up to `timeout` s), archive it, acknowledge it."""
        raw = self.client.blmove(self.keys.pages, self.keys.processing, timeout, "RIGHT", "LEFT")
        if raw is None:
            return False
        self.handle(raw)
        self.client.lrem(self.keys.processing, 1, raw)
        self.done += 1
        return True

    def finish_if_drained(self) -> list[dict] | None:
        """When the current run is over, write its crawls rows; returns them (else None)."""
        run = read_run(self.client, self.keys)
        if not run:
            return None
        recover_dead_workers(self.client, self.keys)
        left = pending_work(self.client, self.keys)
        if any(left.values()):
            return None
        return finish_run(self.client, self.db, run, self.keys)


def run_ingester(client: Any, db: Database, sources: Mapping[str, Any], *, until_done: bool = False,
                 poll: float = 1.0, keys: Keys = KEYS,
                 on_finish: Any = None) -> int:
    """Ingest forever (a service), or `until_done`: until the current run is finished.

    Returns the number of messages archived. `on_finish(rows)` is called per finished run.
    """
    ingester = Ingester(client, db, sources, keys)
    ingester.recover()
    last_check = 0.0
    while True:
        busy = ingester.step(poll)
        # check for the end of a run when idle, and at least every few seconds under load
        if not busy or time.monotonic() - last_check > 5:
            last_check = time.monotonic()
            rows = ingester.finish_if_drained()
            if rows is not None and on_finish:
                on_finish(rows)
            if until_done and not busy and read_run(client, keys) is None \
                    and not client.llen(keys.pages):
                return ingester.done
