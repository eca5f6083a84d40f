"""Distributed mode, the Scrapy side: N workers on any machines share one Redis.

The design (and the archive's side: keys, page messages, the ingester) is described in
archive/pagequeue.py. Here:

- `LeasedScheduler` / `LeasedPriorityQueue`: scrapy-redis's scheduler (frontier = sorted set
  by priority, dupefilter = set of request fingerprints, SCHEDULER_PERSIST so a worker that
  stops leaves the frontier to the others) with two changes that make a killed worker lose
  nothing: a pop moves the request into the worker's in-flight set (Lua, atomic), and a push
  checks the dupefilter and queues the request in one step (plain scrapy-redis does SADD then
  ZADD: a worker killed between the two loses the request for good).
- `LeaseMiddleware`: the outermost spider middleware. It takes everything a callback produced,
  schedules the requests (each lands in Redis synchronously), and then, in one transaction,
  pushes the page messages and releases the response's lease. A worker killed before that
  leaves the lease in its in-flight set, so the request is redone elsewhere; after it, the
  work is in Redis. Errbacks do not pass through spider middlewares: the spider's `on_error`
  releases the lease itself. A redirect or retry of a leased request releases the original
  lease once the new request is queued (`LeasedScheduler.enqueue_request`).
- `RedisWorker`: the extension that stands in for `CrawlRecorder` (workers have no archive):
  registers the worker, keeps its heartbeat (TTL `THIDUA_REDIS_HEARTBEAT` s), requeues the
  work of dead workers, keeps the spider open while any work is left anywhere, and adds the
  per-source counters to Redis for the ingester to write into `crawls`.
- `RedisSourcesSpider`: the registry spider with its database look-ups (known URLs, re-checks,
  failures, 304 touches) answered by or sent through Redis.

Politeness is per worker: each keeps its own per-domain concurrency and AutoThrottle, so N
workers may hit one site N times as hard; keep CONCURRENT_REQUESTS_PER_DOMAIN low at scale.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.python.failure import Failure

from archive import pagequeue, store
from archive.crawls import WalkPlan
from archive.pagequeue import KEYS, encode_message
from archive.sources import Source
from crawler.extensions import SourceCounters
from crawler.middlewares import download_slots
from crawler.spiders.sources import SourcesSpider, _canonical

log = logging.getLogger(__name__)

# Check the dupefilter and queue the request in one step (ARGV[1] = '' : dont_filter).
ENQUEUE_LUA = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
# Pop the best request into this worker's in-flight set (registering the worker, so that a
# lease always has an owner the recovery can find).
POP_LUA = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('ZADD', KEYS[2], r[2], r[1])
redis.call('SADD', KEYS[3], ARGV[1])
return r[1]
"""
LEASE = "thidua_lease"


def worker_settings(redis_url: str) -> dict[str, Any]:
    """Scrapy settings that turn a `thidua crawl` into a worker of the shared Redis frontier."""
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.distributed.LeasedScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.LeasedPriorityQueue",
        "SCHEDULER_QUEUE_KEY": KEYS.frontier,
        "SCHEDULER_DUPEFILTER_KEY": KEYS.dupefilter,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "ITEM_PIPELINES": {},
        "SPIDER_MIDDLEWARES": {"crawler.distributed.LeaseMiddleware": 10},
        "EXTENSIONS": {"crawler.extensions.CrawlRecorder": None,
                       "crawler.distributed.RedisWorker": 500,
                       "crawler.extensions.ProgressLine": 510,
                       "scrapy.extensions.throttle.AutoThrottle": None,
                       "crawler.extensions.RegistryThrottle": 0},
    }


def _worker(crawler: Crawler) -> RedisWorker:
    worker = crawler.get_extension(RedisWorker)
    if worker is None:
        raise RuntimeError("the RedisWorker extension is not enabled (see worker_settings)")
    return worker


def push_request(script: Any, queue: PriorityQueue, dupefilter: RFPDupeFilter,
                 request: Request) -> bool:
    """Queue `request` unless its fingerprint was seen this run; True when queued."""
    fingerprint = "" if request.dont_filter else dupefilter.request_fingerprint(request)
    data = queue._encode_request(request)
    return bool(script(keys=[dupefilter.key, queue.key], args=[fingerprint, -request.priority, data]))


class LeasedPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leaves the request leased, not gone."""

    def pop(self, timeout: int = 0) -> Request | None:
        worker = _worker(self.spider.crawler)
        data = worker.pop_script(keys=[self.key, worker.inflight_key, KEYS.workers],
                                 args=[worker.id])
        if not data:
            return None
        request = self._decode_request(data)
        worker.lease(request, data)
        return request


class LeasedScheduler(Scheduler):
    """scrapy-redis's scheduler with an atomic dupefilter+push and lease hand-over."""

    def open(self, spider: Any) -> None:
        # scrapy-redis's open() minus its deprecated Spider.log() call
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider,
                                                 key=self.queue_key % {"spider": spider.name},
                                                 serializer=self.serializer)
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if self.flush_on_start:
            self.flush()
        log.info("shared frontier: %d request(s) queued", len(self.queue))
        self.worker = _worker(spider.crawler)
        self.enqueue_script = self.server.register_script(ENQUEUE_LUA)

    def enqueue_request(self, request: Request) -> bool:
        # A retry or redirect is a copy of a leased request: queue it, then release the original.
        lease = request.meta.pop(LEASE, None)
        queued = push_request(self.enqueue_script, self.queue, self.df, request)
        if lease:
            self.worker.release(lease)
        if not queued:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


class LeaseMiddleware:
    """A response's lease is released only once all its callback produced is in Redis."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseMiddleware:
        return cls(crawler)

    async def process_spider_output(self, response: Response,
                                    result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        worker = _worker(self.crawler)
        messages: list[bytes] = []
        try:
            async for out in result:
                if isinstance(out, Request):
                    self.crawler.engine.crawl(out)  # in Redis when this returns
                elif out is not None:
                    messages.append(worker.page_message(out))
        except Exception as exc:
            # A callback bug would fail again on every retry: record it, release the lease.
            source_id = response.meta.get("source_id")
            worker.count(source_id, "failures")
            worker.ack(response.request, [worker.failure_message(
                url=response.url, stage="parse", message=f"{type(exc).__name__}: {exc}",
                source_id=source_id)])
            raise
        worker.ack(response.request, messages)
        if messages:
            self.crawler.stats.inc_value("thidua/pages_sent", len(messages))
        return
        yield  # an async generator that yields nothing: everything went to Redis above


class RedisWorker(SourceCounters):
    """One crawl worker's presence in Redis: heartbeat, leases, counters, when to stop.

    Its `counts` are the ones not yet added to Redis (`flush`), where the ingester reads them.
    """

    def __init__(self, crawler: Crawler) -> None:
        from scrapy_redis.connection import get_redis_from_settings

        super().__init__(crawler)
        self.client = get_redis_from_settings(crawler.settings)
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.inflight_key = KEYS.inflight(self.id)
        self.heartbeat_s = crawler.settings.getfloat("THIDUA_REDIS_HEARTBEAT", 30.0)
        self.pop_script = self.client.register_script(POP_LUA)
        run = pagequeue.read_run(self.client) or {}
        self.run_id: str = run.get("run_id") or crawler.settings.get("THIDUA_RUN_ID") or "?"
        self.leases: dict[str, bytes] = {}
        self.poll_s = crawler.settings.getfloat("THIDUA_REDIS_POLL", 0.5)
        self.task: Any = None
        self.poll_task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisWorker:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        ext.connect_counters()
        return ext

    def flush(self) -> None:
        """Add the counts made since the last flush to the run's counters in Redis."""
        if not self.counts:
            return
        pipe = self.client.pipeline(transaction=False)
        for source_id, counts in self.counts.items():
            for key, n in counts.items():
                pipe.hincrby(KEYS.counts(self.run_id, source_id), key, n)
        pipe.execute()
        self.counts.clear()

    # -- messages and leases ------------------------------------------------------------------
    def page_message(self, item: Mapping[str, Any]) -> bytes:
        return encode_message("page", url=item["url"], status=item["status"],
                              headers=item["headers"], body=item["body"],
                              source_id=item["source_id"], fetched_at=item["fetched_at"],
                              run_id=self.run_id)

    def failure_message(self, *, url: str, stage: str, message: str,
                        source_id: str | None) -> bytes:
        return encode_message("failure", url=url, stage=stage, message=message,
                              source_id=source_id, run_id=self.run_id, at=store.now_iso())

    def push(self, message: bytes) -> None:
        self.client.lpush(KEYS.pages, message)

    def walk_reached(self, source_id: str, start_url: str, *, leg: str, page: int, url: str,
                     streak: int) -> None:
        self.push(encode_message("walk", source_id=source_id, start_url=start_url, leg=leg,
                                 page=page, url=url, streak=streak, run_id=self.run_id))

    def walk_ended(self, source_id: str, start_url: str, *, leg: str, cause: str) -> None:
        self.push(encode_message("walk", source_id=source_id, start_url=start_url, leg=leg,
                                 cause=cause, run_id=self.run_id))

    def lease(self, request: Request, data: bytes) -> None:
        lease = hashlib.sha1(data).hexdigest()
        self.leases[lease] = data
        request.meta[LEASE] = lease

    def release(self, lease: str, messages: Sequence[bytes] = ()) -> None:
        """Push `messages` and drop the lease in one transaction."""
        data = self.leases.pop(lease, None)
        pipe = self.client.pipeline(transaction=True)
        if messages:
            pipe.lpush(KEYS.pages, *messages)
        if data is not None:
            pipe.zrem(self.inflight_key, data)
        pipe.execute()

    def ack(self, request: Request | None, messages: Sequence[bytes] = ()) -> None:
        lease = request.meta.get(LEASE) if request is not None else None
        if lease:
            self.release(lease, messages)
        elif messages:
            self.client.lpush(KEYS.pages, *messages)

    # -- life cycle ---------------------------------------------------------------------------
    def beat(self) -> None:
        """Heartbeat first, then registration: a registered worker always looks alive."""
        self.client.set(KEYS.heartbeat(self.id), "1", px=int(self.heartbeat_s * 1000))
        self.client.sadd(KEYS.workers, self.id)
        moved = pagequeue.recover_dead_workers(self.client)
        if moved:
            log.warning("requeued %d request(s) of a worker that stopped answering", moved)
            self.crawler.stats.inc_value("thidua/requeued", moved)
        self.flush()

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.task = task.LoopingCall(self.beat)
        self.task.start(max(self.heartbeat_s / 3, 0.2), now=True)
        self.poll_task = task.LoopingCall(self.poll)
        self.poll_task.start(self.poll_s, now=False)
        log.info("worker %s joined run %s", self.id, self.run_id)

    def poll(self) -> None:
        """An idle engine looks at its scheduler only every 5 s; work that other workers
        queued meanwhile should not wait that long."""
        if self.client.zcard(KEYS.frontier):
            nextcall = getattr(getattr(self.crawler.engine, "_slot", None), "nextcall", None)
            if nextcall is not None:  # Scrapy internals: without them, the 5 s cadence stays
                nextcall.schedule()

    def spider_idle(self, spider: Any) -> None:
        """Idle here is not the end while the frontier or another worker still has work."""
        self.beat()
        if self.leases:
            # Nothing of ours is downloading or being parsed: these leases can never be released.
            log.warning("dropping %d lease(s) of requests that vanished without an answer",
                        len(self.leases))
            self.crawler.stats.inc_value("thidua/lease/lost", len(self.leases))
            for lease in list(self.leases):
                self.release(lease)
        left = pagequeue.pending_work(self.client)
        if left["frontier"] or left["inflight"]:
            raise DontCloseSpider

    def spider_closed(self, spider: Any, reason: str) -> None:
        for loop in (self.task, self.poll_task):
            if loop and loop.running:
                loop.stop()
        self.flush()
        # Stopped early (Ctrl-C, SIGTERM): what this worker held goes back at once.
        pipe = self.client.pipeline(transaction=True)
        pipe.zunionstore(KEYS.frontier, [KEYS.frontier, self.inflight_key], aggregate="MIN")
        pipe.delete(self.inflight_key)
        pipe.srem(KEYS.workers, self.id)
        pipe.delete(KEYS.heartbeat(self.id))
        pipe.execute()
        self.crawler.stats.set_value("thidua/run_id", self.run_id)
        self.crawler.stats.set_value("thidua/worker", self.id)


class RedisSourcesSpider(SourcesSpider):
    """The registry spider for workers: what it asked SQLite, it asks Redis."""

    async def start(self) -> AsyncIterator[Any]:
        # The start requests were queued by `thidua crawl --redis URL --enqueue`.
        return
        yield

    def known_links(self, source: Source, urls: Sequence[str]) -> set[str]:
        """One SMISMEMBER per listing or sitemap page, not a round trip per link."""
        if not urls:
            return set()
        hits = self.recorder.client.smismember(KEYS.known,
                                               [v for u in urls for v in (u, _canonical(u))])
        return {u for u, plain, canonical in zip(urls, hits[::2], hits[1::2], strict=True)
                if plain or canonical}

    def take_recheck(self, url: str) -> tuple[str | None, str | None] | None:
        pipe = self.recorder.client.pipeline(transaction=True)
        pipe.hget(KEYS.recheck, url)
        pipe.hdel(KEYS.recheck, url)
        raw, _ = pipe.execute()
        if not raw:
            return None
        etag, modified = json.loads(raw)
        return etag, modified

    def touch_page(self, url: str, source_id: str) -> None:
        self.recorder.push(encode_message("touch", url=url, source_id=source_id,
                                          fetched_at=store.now_iso(), run_id=self.recorder.run_id))

    def record_failure(self, *, url: str, stage: str, message: str, source_id: str | None) -> None:
        self.recorder.push(self.recorder.failure_message(url=url, stage=stage, message=message,
                                                         source_id=source_id))

    def on_error(self, failure: Failure) -> None:
        super().on_error(failure)
        self.recorder.ack(failure.request)  # type: ignore[attr-defined]


# -- the two commands ---------------------------------------------------------------------------

def enqueue_run(redis_url: str, db_path: str | Path, sources: Sequence[Source], *,
                max_pages: int | None = None, since: str | None = None,
                settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Open a distributed run: publish what the archive knows, queue the start requests."""
    from crawler.run import crawl_settings

    client = pagequeue.connect(redis_url)
    recheck_days = crawl_settings(db_path, settings).getfloat("THIDUA_RECHECK_DAYS")
    db = store.open_archive(db_path)
    try:
        run = pagequeue.start_run(client, db, sources, max_pages=max_pages, since=since,
                                  recheck_days=recheck_days)
        try:
            spider = RedisSourcesSpider(sources=sources)
            plans = {(w["source_id"], w["start_url"]): WalkPlan(**w) for w in run["walks"]}
            queue = LeasedPriorityQueue(client, spider, KEYS.frontier)
            dupefilter = RFPDupeFilter(client, KEYS.dupefilter)
            script = client.register_script(ENQUEUE_LUA)
            seeds = Counter(r.meta["source_id"] for r in spider.seed_requests(plans)
                            if push_request(script, queue, dupefilter, r))
            for source_id, n in seeds.items():  # counted as a local crawl counts its start requests
                client.hincrby(KEYS.counts(run["run_id"], source_id), "requests", n)
            run["seeds"] = sum(seeds.values())
            pagequeue.publish_run(client, run)
        except BaseException as exc:
            pagequeue.abandon_run(client, db, run, f"{type(exc).__name__}: {exc}")
            raise
    finally:
        db.close()
    run["known"] = client.scard(KEYS.known)
    return run


def run_worker(redis_url: str, sources: Iterable[Source], *,
               settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Crawl from the shared frontier until the run has no work left anywhere."""
    from scrapy.crawler import CrawlerProcess

    from crawler.run import crawl_settings

    client = pagequeue.connect(redis_url)
    run = pagequeue.read_run(client)
    if not run:
        raise pagequeue.QueueError(
            f"no run is queued in {redis_url}: start one where the archive lives with "
            f"`thidua crawl --redis {redis_url} --enqueue`.")
    by_id = {s.id: s for s in sources}
    missing = [i for i in run["sources"] if i not in by_id]
    if missing:
        raise pagequeue.QueueError(
            f"run {run['run_id']} crawls source(s) {missing} that this worker's registry does "
            "not have: give it the same sources/*.toml (or --sources FILE) as the enqueue step.")
    overrides = {"LOG_INSTALL_ROOT_HANDLER": False, **(settings or {}),
                 **worker_settings(redis_url)}
    overrides["DOWNLOAD_SLOTS"] = download_slots([by_id[i] for i in run["sources"]],
                                                 overrides.get("DOWNLOAD_SLOTS"))
    process = CrawlerProcess(crawl_settings("(unused by workers)", overrides))
    crawler = process.create_crawler(RedisSourcesSpider)
    process.crawl(crawler, sources=[by_id[i] for i in run["sources"]],
                  max_pages=run.get("max_pages"), since=run.get("since"))
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return {"run_id": run["run_id"], "worker": stats.get("thidua/worker"), "stats": stats,
            "finish_reason": stats.get("finish_reason"),
            "responses": stats.get("response_received_count", 0),
            "pages": stats.get("thidua/pages_sent", 0)}
