"""Which stored URLs may become links: web addresses only (``http``/``https`` with a host)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

WEB_SCHEMES = ("http", "https")


def web_url(value: object) -> str:
    """``value`` if it is a plain web address, else "" (``javascript:``, ``data:``, ``file:``…).

    A web address here has an http(s) scheme, a host, and no white space, control characters,
    quotes or angle brackets (so it can sit in a Markdown autolink or an attribute unescaped).
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or len(url) > 4096:
        return ""
    if any(c.isspace() or not c.isprintable() or c in "<>\"'`\\" for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return ""
    return url


def text_fragment(url: str, exact: str, prefix: str = "", suffix: str = "") -> str:
    """``url`` with a text fragment (``#:~:text=``) that makes browsers scroll to ``exact``.

    ``exact`` longer than a dozen words or spanning paragraphs becomes ``start,end`` (the first
    and last few words). ``prefix``/``suffix`` are the words right before and after it.
    """
    words = exact.split()
    if not words:
        return url
    if len(words) > 12 or "\n" in exact.strip():
        first = " ".join(words[:5])
        last = " ".join(words[-5:])
        directive = f"{_enc(first)},{_enc(last)}"
    else:
        directive = _enc(" ".join(words))
    if prefix.split():
        directive = f"{_enc(' '.join(prefix.split()))}-,{directive}"
    if suffix.split():
        directive = f"{directive},-{_enc(' '.join(suffix.split()))}"
    joiner = ":~:" if "#" in url else "#:~:"
    return f"{url}{joiner}text={directive}"


def _enc(text: str) -> str:
    # the directive's own syntax characters (- , &) must be percent-encoded as well
    return quote(text, safe="").replace("-", "%2D")
