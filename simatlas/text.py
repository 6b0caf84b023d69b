"""Making data-derived text inert before it reaches a Markdown renderer."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every Markdown/HTML special so text renders literally, never as markup.

    Colons are escaped too so that `javascript:` or `https:` in data never becomes an autolink.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
