"""A QR code of one of our own links (an invite, a clinician link), as inline SVG for the page."""

import segno
from django.utils.safestring import mark_safe


def qr_svg(url):
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff", border=2, omitsize=True)
    return mark_safe(svg)  # segno's own markup: no user input beyond our URL
