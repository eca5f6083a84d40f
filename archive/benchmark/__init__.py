"""`thidua bench` / `make bench`: this project's speed and size measured against the tool a user
would pick instead, in the same run, on the same machine.

Why ratios and not absolute numbers: the machine (2 shared cores in CI) changes from run to run,
the peer run next to ours does not. Every figure is a `report.Figure` (ours, the peer, their
ratio, the goal); each module below measures one area and is a *suite* registered in
`runner.SUITES`:

- `synthetic` — an archive of N articles of realistic Vietnamese emulation news, generated
  (no crawl) so that a million articles take minutes, not days;
- `index`     — search index build time and archive size, against `sqlite-utils enable-fts`;
- `search`    — ranked search latency in SQLite (p95 over repeated, interleaved queries);
- `http`      — the same searches through a real `datasette` process, against plain Datasette on
  a plain sqlite-utils FTS copy, with several concurrent users;
- `pipeline`  — extraction, ingest and crawl of the bundled sample sites;
- `ingest`    — ingest per core against trafilatura, raw-page storage against zlib per page;
- `crawl`     — crawl + ingest of a 2,000-article local site against bare Scrapy + parsel, and
  the crawl's own peak memory (with and without its analysis workers);
- `report`    — the table (with date and machine) printed and written to data/bench.json.

A new suite is a module with `run(ctx: runner.BenchContext) -> list[report.Figure]` added to
`runner.SUITES`. Timed assertions never go into `make test`: only a smoke run of a tiny N does.
"""
