"""Markdown for shipped content: CommonMark with raw HTML escaped, plus `::: callout` boxes."""

import functools

from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

CALLOUTS = ("callout",)


def _external_links_send_no_referrer(self, tokens, idx, options, env):
    token = tokens[idx]
    if str(token.attrGet("href") or "").startswith("https://"):
        token.attrSet("rel", "noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _parser():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    for name in CALLOUTS:
        md.use(container_plugin, name)
    md.use(anchors_plugin, min_level=2, max_level=2, slug_func=heading_id)
    md.add_render_rule("link_open", _external_links_send_no_referrer)
    return md


def heading_id(text):
    return slugify(text) or "section"


PARSER = _parser()


@functools.lru_cache(maxsize=512)
def render(text):
    """HTML for a Markdown text; safe because the parser escapes any HTML in it."""
    return mark_safe(PARSER.render(str(text)))


def links(text):
    """Every link target in a Markdown text, with its line offset."""
    found = []
    for token in PARSER.parse(str(text)):
        for child in token.children or []:
            if child.type == "link_open":
                found.append((child.attrGet("href"), token.map[0] if token.map else 0))
    return found


def unknown_containers(text):
    """Line offsets of `:::` boxes this site does not know (they would show as plain text)."""
    return [
        (offset, line.strip())
        for offset, line in enumerate(str(text).split("\n"))
        if line.strip().startswith(":::") and line.strip() != ":::" and line.strip()[3:].strip() not in CALLOUTS
    ]
