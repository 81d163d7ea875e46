"""Turning bytes into text: what kind of document they are, and which charset they use."""

from __future__ import annotations

import codecs
import re
from typing import Literal

from charset_normalizer import from_bytes

from bot.errors import UnsupportedInput

Kind = Literal["text", "html", "pdf"]

UNSUPPORTED_MESSAGE = "That file is not text, HTML or PDF, so I can't brief it."
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
_GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "")
_HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml")
_TEXT_EXTS = (".txt", ".text", ".md", ".markdown")
# Magic numbers of formats people upload by mistake (images, archives, office files, media).
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"\x7fELF",
)
_HTML_SNIFF = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|article)\b", re.IGNORECASE | re.DOTALL
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
# Labels browsers treat as windows-1252 (the WHATWG Encoding Standard).
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp1252"}


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (lower-case media type, charset or None)."""
    if not content_type:
        return "", None
    main, _, rest = content_type.partition(";")
    charset = None
    for param in rest.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return main.strip().lower(), charset


def sniff_kind(data: bytes, *, content_type: str | None = None, filename: str | None = None) -> Kind:
    """Decide whether ``data`` is a PDF, an HTML page or plain text; raise UnsupportedInput otherwise.

    Content wins over labels: a PDF named ``.txt`` is a PDF, and a PNG served as text/html is refused.
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 text is full of NUL bytes; sniff its first characters re-encoded instead.
        head = data[:2048].decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise UnsupportedInput("binary input", user_message=UNSUPPORTED_MESSAGE)
    mtype, _ = media_type(content_type)
    name = (filename or "").lower()
    if mtype == "application/pdf" or name.endswith(".pdf"):
        raise UnsupportedInput("labelled PDF but is not one", user_message="That PDF could not be read.")
    if mtype in _HTML_TYPES or name.endswith(_HTML_EXTS) or _HTML_SNIFF.match(head):
        return "html"
    if mtype.startswith("text/") or mtype in _GENERIC_TYPES or name.endswith(_TEXT_EXTS):
        return "text"
    raise UnsupportedInput(f"unsupported media type {mtype}", user_message=UNSUPPORTED_MESSAGE)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    lowered = label.strip().lower()
    if lowered in _LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes) -> str:
    """Plain-text input must be UTF-8 (a BOM is fine); anything else is refused rather than guessed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
    else:
        text = _strict(data, "utf-8-sig")
    if text is None:
        raise UnsupportedInput("text is not UTF-8", user_message="That file is not UTF-8 text, so I can't read it.")
    return text


def decode_html(data: bytes, *, header_charset: str | None = None) -> str:
    """Decode a web page: BOM, then the HTTP charset, then ``<meta charset>``, then detection.

    A declared charset that cannot decode the bytes is skipped. A Latin-1 declaration over bytes that
    are valid UTF-8 with non-ASCII characters is overruled: that mislabel is common and the reverse
    (real windows-1252 that happens to be valid UTF-8) is vanishingly rare.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return text
    meta = _META_CHARSET.search(data[:4096])
    declared = [_codec(header_charset), _codec(meta.group(1).decode("ascii") if meta else None)]
    as_utf8 = _strict(data, "utf-8")
    for label in declared:
        if label is None:
            continue
        if label == "cp1252" and as_utf8 is not None and not as_utf8.isascii():
            return as_utf8
        decoded = _strict(data, label)
        if decoded is not None:
            return decoded
    if as_utf8 is not None:
        return as_utf8
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")
