"""Fetched bytes → clean NFC text (minimal version; the full one handles legacy fonts)."""

from __future__ import annotations

import unicodedata

from w3lib.encoding import html_to_unicode


def decode_html(body: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    repairs: list[str] = []
    header = f"text/html; charset={declared}" if declared else None
    enc, text = html_to_unicode(header, body)
    if "\ufffd" in text and enc.lower().replace("-", "") in ("utf8",):
        try:
            text = body.decode("cp1258")
            repairs.append("declared utf-8 but bytes are windows-1258")
        except UnicodeDecodeError:
            pass
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        repairs.append("double-encoded UTF-8 repaired")
        text = fixed
    return unicodedata.normalize("NFC", text), repairs
