"""Reading the share box (ui.shell.share_box: an HTML field and a copy button) in an AppTest."""

from __future__ import annotations

from html.parser import HTMLParser


class _FieldValue(HTMLParser):
    """The text of the box's first <textarea> (character references resolved, as a browser does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.value: str | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "textarea" and self.value is None
        if self._inside:
            self.value = ""

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and self.value is not None:
            self.value += data


def shared_links(elements) -> list[str]:
    """The links shown in the share boxes among `elements` (e.g. `at.html`, `at.sidebar.html`)."""
    links = []
    for element in elements:
        if 'class="simatlas-share"' in element.value:
            parser = _FieldValue()
            parser.feed(element.value)
            if parser.value is not None:
                links.append(parser.value)
    return links


def shared_link(at) -> str:
    """The link the page's share box shows (the last share box drawn)."""
    links = shared_links(at.html)
    assert links, "no share box drawn"
    return links[-1]
