"""Request policies, keyed on the source a request belongs to (`request.meta['source_id']`).

They sit in the downloader, not in the spider's link discovery, because every request of a
source passes there whatever produced it: a listing link, a next-page link, a sitemap or feed
entry, a redirect (RedirectMiddleware's new request goes through the scheduler and down this
chain again), a retry.

- `OffsitePolicy`: a source may fetch only its own hosts — the hosts of its start URLs,
  sitemaps and feeds, plus `allowed_hosts` (and its former `archive_hosts`) in the registry.
  The same host on another port is another host; `www.` and the bare name are one host, and
  http/https on their default ports are one host (sites redirect between them all the time).
- `AddressPolicy`: a host that resolves to a loopback, private, link-local, shared, reserved
  or multicast address is refused (a public page redirecting to 169.254.169.254 would
  otherwise be fetched and archived), unless the source says `allow_local = true` (the demo
  and test sites on 127.0.0.1). Link-local addresses (169.254/16, fe80::/10: where cloud
  metadata services answer) are refused even then: no news site lives there. Limit: the address is checked when the request is made, and
  Scrapy resolves again when it connects (its DNS cache usually answers both); a resolver
  that changes its answer in between (DNS rebinding) is not caught.
- `RetryAfter`: Scrapy's retries, plus `Retry-After` on 429/503: the host's download slot is
  paused for that long before the retry goes out; a wait over THIDUA_RETRY_AFTER_MAX is not
  waited for: the page is given up (a failure says why) and the host paused for the maximum.

A refused request raises `PolicyRefused`; the spider's errback records it in `failures` under
the policy's stage, and the counters say how many (`policy/offsite`, `policy/address`).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from archive.sources import Source
from archive.urls import host_key


class PolicyRefused(IgnoreRequest):
    """A request a source's policy does not allow; `stage` names the policy for `failures`."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


@dataclass(frozen=True)
class SourcePolicy:
    hosts: frozenset[str]
    allow_local: bool = False


def source_policy(source: Source) -> SourcePolicy:
    """A source's own hosts (`Source.allowed_hosts`) and whether it may fetch local
    addresses."""
    return SourcePolicy(source.allowed_hosts, bool(source.extra.get("allow_local", False)))


def is_public(address: str) -> bool:
    """Whether an IP address is a public unicast one (not loopback, private, link-local,
    shared 100.64/10, reserved, unspecified or multicast; IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def is_link_local(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_link_local


def offsite_message(url: str, hosts: Iterable[str], how: str = "") -> str:
    """The `failures` message of a refused offsite address; `how` says where it came from."""
    return (f"offsite: {host_key(url)} is not a host of this source ({', '.join(sorted(hosts))})"
            f"{how}; list it under allowed_hosts in the registry to crawl it")


def _refused_from(request: Request) -> str:
    chain = request.meta.get("redirect_urls")
    return f" (redirected from {chain[0]})" if chain else ""


class _SourcePolicies:
    """The policies of the crawl's sources, read from the spider when it opens."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.policies: dict[str, SourcePolicy] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    def spider_opened(self, spider: Any) -> None:
        self.policies = {s.id: source_policy(s) for s in getattr(spider, "sources", [])}

    def policy(self, request: Request) -> SourcePolicy | None:
        return self.policies.get(request.meta.get("source_id"))

    def count(self, request: Request, key: str) -> None:
        from crawler.extensions import SourceCounters

        recorder = self.crawler.get_extension(SourceCounters)
        if recorder is not None:
            recorder.count(request.meta.get("source_id"), key)
        else:
            self.crawler.stats.inc_value(f"thidua/{key}")


class OffsitePolicy(_SourcePolicies):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsitePolicy:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        policy = self.policy(request)
        if policy is None:
            return
        host = host_key(request.url)
        if host in policy.hosts:
            return
        self.count(request, "policy/offsite")
        raise PolicyRefused("offsite", offsite_message(request.url, policy.hosts,
                                                       _refused_from(request)))


class AddressPolicy(_SourcePolicies):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.resolved: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressPolicy:
        return cls(crawler)

    async def addresses(self, host: str) -> list[str]:
        """The host's addresses (a literal IP is its own); [] when it does not resolve, which
        the download itself then reports."""
        if host not in self.resolved:
            try:
                ipaddress.ip_address(host.split("%", 1)[0])
                self.resolved[host] = [host]
            except ValueError:
                try:
                    infos = await maybe_deferred_to_future(
                        deferToThread(socket.getaddrinfo, host, None, proto=socket.IPPROTO_TCP))
                    self.resolved[host] = sorted({str(info[4][0]) for info in infos})
                except OSError:
                    return []
        return self.resolved[host]

    async def process_request(self, request: Request, spider: Any = None) -> None:
        policy = self.policy(request)
        if policy is None:
            return
        host = (urlsplit(request.url).hostname or "").strip("[]")
        local = [a for a in await self.addresses(host) if not is_public(a)
                 and (not policy.allow_local or is_link_local(a))]
        if not local:
            return
        self.count(request, "policy/address")
        hint = ("link-local addresses are never fetched" if policy.allow_local else
                "set allow_local = true for this source if it really lives there")
        raise PolicyRefused("address", f"address: {host} resolves to {', '.join(local)} "
                            f"(loopback, private, link-local or reserved)"
                            f"{_refused_from(request)}; {hint}")


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class RetryAfter(RetryMiddleware):
    """RetryMiddleware that waits as long as a 429/503 says (Retry-After) before retrying."""

    _paused_until: dict[str, float]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfter:
        mw = super().from_crawler(crawler)
        mw.max_wait = crawler.settings.getfloat("THIDUA_RETRY_AFTER_MAX", 120.0)
        mw._paused_until = {}
        return mw

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Request | Response:
        wait = retry_after_seconds(response.headers.get("Retry-After")) \
            if response.status in (429, 503) else None
        if wait is None or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        slot = request.meta.get("download_slot")
        self.crawler.stats.inc_value("thidua/retry_after/count")
        if wait > self.max_wait:
            self.pause(slot, self.max_wait)
            request.meta["thidua_note"] = (f"Retry-After {wait:g} s is over "
                                           f"THIDUA_RETRY_AFTER_MAX ({self.max_wait:g} s): not "
                                           "retried")
            return response
        retry = self._retry(request, f"{response.status} Retry-After {wait:g} s")
        if retry is None:
            return response
        self.pause(slot, wait)
        return retry

    def pause(self, slot_key: str | None, seconds: float) -> None:
        """Hold every request to this host until `seconds` from now (the downloader's own
        slot delay mechanism: a slot with a pending `latercall` sends nothing). A pause never
        shortens one already running: a 503 asking for 1 s must not release the host that a
        429 asked to leave alone for 2."""
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        slot = downloader.slots.get(slot_key) if downloader and slot_key else None
        if slot is None or seconds <= 0:
            return
        until = time.monotonic() + seconds
        if slot.latercall and self._paused_until.get(slot_key, 0.0) >= until:
            return
        if slot.latercall:
            slot.latercall.cancel()
        self._paused_until[slot_key] = until
        slot.latercall = call_later(seconds, downloader._latercall, slot)


def download_slots(sources: Iterable[Source], base: Mapping[str, Any] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """DOWNLOAD_SLOTS from the registry's per-source `concurrency` and `delay` (seconds), for
    every host of the source; a host two sources share gets the stricter of both."""
    slots: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (base or {}).items()}
    for s in sources:
        conc, delay = s.extra.get("concurrency"), s.extra.get("delay")
        if conc is None and delay is None:
            continue
        for host in {urlsplit(u).hostname or "" for u in s.start_urls} - {""}:
            for name in {host, host.removeprefix("www."), f"www.{host.removeprefix('www.')}"}:
                slot = slots.setdefault(name, {})
                if conc is not None:
                    slot["concurrency"] = min(int(conc), slot.get("concurrency", int(conc)))
                if delay is not None:
                    slot["delay"] = max(float(delay), slot.get("delay", 0.0))
                    slot["jitter"] = 0.0  # the registry's delay is a floor, not an average
    return slots
