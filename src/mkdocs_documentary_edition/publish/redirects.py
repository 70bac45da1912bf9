"""The page left at a document's former URL: it sends readers, and their #fragment, to the new one."""

from __future__ import annotations

import html
import json

from ..model import urls

__all__ = ["redirect_page"]


def redirect_page(old: str, new: str, site_url: str) -> str:
    """HTML for ``old`` (a URL of the site) that redirects to ``new``, keeping any ``#p12`` the reader followed.

    A canonical link tells search engines and reference managers where the document lives; the meta
    refresh works without JavaScript; the script carries the fragment, which a refresh would drop.
    """
    relative = urls.relative(old, new)
    canonical = urls.absolute(site_url, new)
    target = html.escape(relative, quote=True)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved to {html.escape(canonical)}</title>\n"
        f"<link rel=\"canonical\" href=\"{html.escape(canonical, quote=True)}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        f"<script>location.replace({json.dumps(relative)} + location.hash);</script>\n"
        "</head>\n<body>\n"
        f"<p>This document has moved to <a href=\"{target}\">{html.escape(canonical)}</a>.</p>\n"
        "</body>\n</html>\n"
    )
