"""The process `thidua serve` starts: the archive's Datasette in one or N worker processes.

Why not `datasette serve`: it runs one process, and a page's cost at a million articles is
mostly Datasette's Python (the table view, the templates, `render_cell`), so four pages at once
queue on one core's GIL however many cores the machine has. This module takes the same
arguments as the `datasette serve` command line archive.serve builds (files, `-i`, `--host`,
`--port`, `--metadata`, `--plugins-dir`, `--template-dir`, `--setting`) plus `--workers N`, and:

- checks the configuration once in this process (Datasette built, plugin startup hooks run,
  every database opened): a broken archive, metadata or plugin is one error and exit 3 here,
  not N workers failing;
- `--workers 1`: serves that Datasette itself with uvicorn, as `datasette serve` does;
- `--workers N`: binds the socket once and lets uvicorn's supervisor (`Multiprocess`) run N
  spawned workers that share it; each builds the same Datasette from `create_app()` (the
  configuration travels in the environment variable `THIDUA_SERVE_CONFIG`), with one signing
  secret for all (a cookie or CSRF token signed by one worker is accepted by the others).
  SIGTERM/SIGINT stop the supervisor, which stops and waits for its workers; a worker whose
  supervisor dies (SIGKILL) gets SIGTERM from the kernel (Linux `PR_SET_PDEATHSIG`), so none is
  left holding the port. A worker takes connections only after its start-up (plugin hooks,
  table counts) and one table page drawn, so no user waits on a cold worker.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import secrets
import signal
import sys
from pathlib import Path
from typing import Any

CONFIG_ENV = "THIDUA_SERVE_CONFIG"
STARTUP_FAILURE = 3  # uvicorn's exit code for a server that could not start
# the pages drawn once by each worker before it takes connections (templates compiled, the
# table view's first-use work done); an archive without the table answers 404, also fine
WARM_PATHS = ("/", "/archive/articles?_search=thi")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m archive.serve_app", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", default=[], help="mutable database files (mode=ro)")
    p.add_argument("-i", "--immutable", action="append", default=[], help="immutable file")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--metadata")
    p.add_argument("--plugins-dir")
    p.add_argument("--template-dir")
    p.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    p.add_argument("--workers", type=int, default=1)
    args = p.parse_args(argv)
    if args.workers < 1:
        p.error("--workers must be 1 or more")
    return args


def config_of(args: argparse.Namespace) -> dict[str, Any]:
    return {"files": [str(Path(f).resolve()) for f in args.files],
            "immutables": [str(Path(f).resolve()) for f in args.immutable],
            "metadata": args.metadata, "plugins_dir": args.plugins_dir,
            "template_dir": args.template_dir, "settings": dict(args.setting),
            "secret": os.environ.get("DATASETTE_SECRET") or secrets.token_hex(32)}


def typed_settings(pairs: dict[str, str]) -> dict[str, Any]:
    """`--setting` values converted as `datasette serve` converts them (datasette.cli.Setting:
    an unknown name or a bad value is a ValueError with Datasette's message)."""
    import click
    from datasette.cli import Setting

    out = {}
    for name, value in pairs.items():
        try:
            out[name] = Setting().convert((name, value), None, None)[1]
        except click.BadParameter as exc:
            raise ValueError(f"--setting {name} {value}: {exc.message}") from exc
    return out


def build(config: dict[str, Any]) -> Any:
    """The Datasette instance `datasette serve` would build from the same arguments."""
    from datasette.app import Datasette

    metadata = None
    if config.get("metadata"):
        metadata = json.loads(Path(config["metadata"]).read_text(encoding="utf-8"))
    return Datasette(
        config["files"], immutables=config["immutables"],  # Datasette adds the immutables
        metadata=metadata, plugins_dir=config.get("plugins_dir"),
        template_dir=config.get("template_dir"),
        settings=typed_settings(config.get("settings") or {}),
        secret=config.get("secret"),
    )


def _die_with_parent() -> None:
    """Linux: SIGTERM this process when the one that started it dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was already gone
        os.kill(os.getpid(), signal.SIGTERM)


def _warmed(ds: Any, app: Any) -> Any:
    """`app`, drawing WARM_PATHS once when uvicorn starts it (lifespan startup), before the
    worker takes a connection."""

    async def warmed_app(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)

        async def receive_after_warm() -> Any:
            message = await receive()
            if message.get("type") == "lifespan.startup":
                await ds.invoke_startup()
                for path in WARM_PATHS:
                    try:
                        await ds.client.get(path)
                    except Exception as exc:  # noqa: BLE001 - warming is best effort
                        logging.getLogger("uvicorn.error").warning("warming %s: %r", path, exc)
            return message

        return await app(scope, receive_after_warm, send)

    return warmed_app


def create_app(worker: bool = True) -> Any:
    """uvicorn's factory in each worker: the Datasette app from THIDUA_SERVE_CONFIG."""
    if worker:
        _die_with_parent()
    ds = build(json.loads(os.environ[CONFIG_ENV]))
    return _warmed(ds, ds.app())


def check(config: dict[str, Any]) -> None:
    """Build the Datasette once, run its plugins' startup hooks and open every database: what
    would make each worker fail, said once (raises ValueError with Datasette's message)."""
    from datasette.utils import StartupError

    try:
        ds = build(config)
    except StartupError as exc:
        raise ValueError(exc.args[0]) from exc
    except (OSError, json.JSONDecodeError) as exc:  # the metadata file
        raise ValueError(f"metadata {config.get('metadata')}: {exc}") from exc

    async def run() -> None:
        from datasette.cli import check_databases

        await ds.invoke_startup()
        await check_databases(ds)

    try:
        asyncio.run(run())
    except Exception as exc:  # click.UsageError and friends: their message is the error
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise ValueError(message) from exc


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    args = parse(argv)
    config = config_of(args)
    try:
        check(config)
    except ValueError as exc:
        print(f"thidua serve: {exc}", file=sys.stderr)
        return STARTUP_FAILURE
    os.environ[CONFIG_ENV] = json.dumps(config)  # inherited by the spawned workers
    served: dict[str, Any] = {"host": args.host, "port": args.port, "log_level": "info",
                              "lifespan": "on"}
    if args.workers == 1:  # this process serves, as `datasette serve` does
        server = uvicorn.Server(uvicorn.Config(create_app(worker=False), **served))
        server.run()
        return 0 if server.started else STARTUP_FAILURE

    from uvicorn.supervisors import Multiprocess

    uv = uvicorn.Config("archive.serve_app:create_app", factory=True, workers=args.workers,
                        **served)
    sock = uv.bind_socket()  # a busy port: uvicorn logs it and exits 1
    supervisor = Multiprocess(uv, sockets=[sock])
    supervisor.run()
    # a worker that failed before serving stops the supervisor (uvicorn ≥ 0.30): not a success
    failed = any(p.exitcode == STARTUP_FAILURE for p in supervisor.processes)
    return STARTUP_FAILURE if failed else 0


if __name__ == "__main__":
    sys.exit(main())
