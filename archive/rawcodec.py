"""How raw page bodies are compressed: pure functions over bytes, no archive.

Why zstd with per-source dictionaries: the pages of one site share most of their bytes (the
template, menus, scripts, footer), which per-page zlib cannot see: it compresses each page
alone, about 2.5–3× on these sites. A zstd dictionary trained on a few dozen pages of the site
holds that shared part once, and each page then costs little more than its own text: about
10–12× on the sample sites, measured in `make bench` against zlib per page on the same pages.
The `zstandard` package binds the reference C library, trains dictionaries and decompresses
at hundreds of MB/s.

Every stored body says how it was compressed (`codec`), so zlib rows of old archives and of a
source's first pages, zstd rows and the rare incompressible `plain` row live side by side; a
zstd frame also names its dictionary in its header (`frame_dict_id`).
"""

from __future__ import annotations

import zlib

import zstandard

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Level 12 with a dictionary: about 0.5 ms for a 5 KB page, within a few per cent of level
# 19's size at a twentieth of its time (measured on the sample sites).
ZSTD_LEVEL = 12
DICT_MAX_SIZE = 64 * 1024
CODECS = ("plain", "zlib", "zstd")


class CodecError(ValueError):
    """A stored body cannot be decompressed (unknown codec, missing dictionary, damage)."""


def compress_zlib(body: bytes) -> tuple[str, bytes]:
    """A source's first pages (no dictionary yet): zlib, or plain when that is no smaller."""
    blob = zlib.compress(body, 6)
    return ("zlib", blob) if len(blob) < len(body) else ("plain", body)


def train_dictionary(samples: list[bytes], max_size: int = DICT_MAX_SIZE, *,
                     level: int = ZSTD_LEVEL, dict_id: int = 0) -> bytes:
    """A zstd dictionary from sample bodies of one source; a tenth of the samples' size at
    most, so that a small source does not store a dictionary bigger than its pages."""
    size = max(4096, min(max_size, sum(map(len, samples)) // 10))
    try:
        return zstandard.train_dictionary(size, samples, dict_id=dict_id, level=level).as_bytes()
    except zstandard.ZstdError as exc:
        raise CodecError(f"cannot train a dictionary on {len(samples)} samples: {exc}") from exc


def dictionary_id(dictionary: bytes) -> int:
    return zstandard.ZstdCompressionDict(dictionary).dict_id()


def compressor(dictionary: bytes | None, level: int = ZSTD_LEVEL) -> zstandard.ZstdCompressor:
    """A reusable compressor; the dictionary is digested once, not per page."""
    if dictionary is None:
        return zstandard.ZstdCompressor(level=level)
    data = zstandard.ZstdCompressionDict(dictionary)
    data.precompute_compress(level=level)
    return zstandard.ZstdCompressor(dict_data=data)


def decompressor(dictionary: bytes | None) -> zstandard.ZstdDecompressor:
    if dictionary is None:
        return zstandard.ZstdDecompressor()
    return zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(dictionary))


def frame_dict_id(blob: bytes) -> int:
    """The dictionary a zstd frame was compressed with (0: none)."""
    return zstandard.get_frame_parameters(blob).dict_id


def sniff(blob: bytes) -> str:
    """The codec of a stored body from its first bytes (for SQL, which is not told)."""
    if blob[:4] == ZSTD_MAGIC:
        return "zstd"
    if len(blob) > 1 and blob[0] & 0x0F == 8 and (blob[0] << 8 | blob[1]) % 31 == 0:
        return "zlib"
    return "plain"


def decompress(codec: str | None, blob: bytes | None,
               dictionary: bytes | zstandard.ZstdDecompressor | None = None) -> bytes:
    """The raw body. `dictionary` is the zstd dictionary the frame needs (bytes, or a
    decompressor already holding it)."""
    if blob is None:
        return b""
    blob = bytes(blob)
    codec = codec or sniff(blob)
    try:
        if codec == "zlib":
            return zlib.decompress(blob)
        if codec == "plain":
            return blob
        if codec == "zstd":
            reader = dictionary if isinstance(dictionary, zstandard.ZstdDecompressor) \
                else decompressor(dictionary)
            return reader.decompress(blob)
    except (zlib.error, zstandard.ZstdError) as exc:
        raise CodecError(f"cannot decompress a {codec} body: {exc}") from exc
    raise CodecError(f"unknown codec {codec!r}")


def decompress_body(blob: bytes, dictionary: bytes | None = None) -> bytes:
    """A body whose codec is not known (SQL hands over the blob alone): sniffed from its first
    bytes. A body that is neither zstd nor zlib is returned as it is."""
    codec = sniff(bytes(blob))
    if codec == "zstd" and dictionary is None and frame_dict_id(bytes(blob)):
        raise CodecError("this body needs its source's dictionary: "
                         "decompress_text(body, encoding, dictionary)")
    return decompress(codec, blob, dictionary)
