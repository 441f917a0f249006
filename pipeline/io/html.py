"""HTML markup -> plain text (standard library ``html.parser``).

Scraped articles often arrive as HTML (an ``.html`` file, or markup inside a ``text`` field). The
pipeline runs on the text this module returns; offsets then refer to that text, which the
``documents`` table keeps in its ``text_used`` column. Rules: ``script``, ``style``, ``head``,
``noscript``, ``template``, ``svg`` and comments are dropped; character references are resolved
(``&amp;`` -> ``&``); runs of whitespace inside a block become one space; block elements (``p``,
``div``, headings, list items, table rows …) are separated by a blank line and ``<br>`` by a line
break. The ``<title>`` is returned separately.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object"}
BLOCK = {
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "pre", "address", "hr", "form", "fieldset", "body", "html",
}  # fmt: skip
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
_WS = re.compile(r"[ \t\n\r\f\v]+")
_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|body|head|p|div|br|span|a\s+href|h[1-6]|ul|ol|li|table|tr|td|"
    r"article|section|strong|em|b|i|img|meta|script|style)\b[^<>]*>|</\s*(?:p|div|span|a|h[1-6]|li|td|"
    r"tr|html|body|article|section|strong|em|b|i)\s*>",
    re.IGNORECASE,
)  # fmt: skip


def looks_like_html(text: str) -> bool:
    """True when ``text`` is HTML markup rather than prose that happens to contain ``<``: it
    starts with a tag or a doctype, or it contains at least two known HTML tags."""
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    found = 0
    for _ in _TAG.finditer(text):
        found += 1
        if found >= 2:
            return True
    return False


class _Reducer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def _break(self, sep: str = "\n\n") -> None:
        line = _WS.sub(" ", "".join(self.current)).strip()
        self.current = []
        if line:
            self.blocks.append(line)
            self.blocks.append(sep)
        elif sep == "\n" and self.blocks and self.blocks[-1] not in ("\n", "\n\n"):
            self.blocks.append(sep)

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag == "body":
            self.skip = 0  # a <head> left open ends where the body starts
        if tag in SKIP:
            if tag not in VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self._break("\n")
        elif tag in BLOCK:
            self._break()
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip:
            self._break("\n")
        elif tag in BLOCK and not self.skip:
            self._break()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if not self.skip and tag in BLOCK:
            self._break()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if not self.skip:
            self.current.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """(text, title) of an HTML page or fragment; see the module docstring for the rules."""
    parser = _Reducer()
    parser.feed(markup)
    parser.close()
    parser._break()
    text = "".join(parser.blocks).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    title = _WS.sub(" ", "".join(parser.title)).strip() or None
    return text, title
