"""`thidua` and `python -m archive`: the command line, with Ctrl-C during start-up (while the
libraries load, about a second) ending in one line instead of an import traceback."""

import sys


def main() -> None:
    try:
        from archive.cli import cli
    except KeyboardInterrupt:
        sys.stderr.write("thidua: stopped (Ctrl-C) while starting; nothing was done.\n")
        sys.exit(130)
    cli()


if __name__ == "__main__":
    main()
