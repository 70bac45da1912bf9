"""The page left at a document's former URL: it sends readers, and their #fragment, to the new one."""

from __future__ import annotations

import html
import json
import posixpath

__all__ = ["redirect_page"]


def redirect_page(old: str, new: str, site_url: str) -> str:
    """HTML for ``old`` (a URL path) that redirects to ``new``, keeping any ``#p12`` the reader followed.

    A canonical link tells search engines and reference managers where the document lives; the meta
    refresh works without JavaScript; the script carries the fragment, which a refresh would drop.
    """
    relative = posixpath.relpath(new, old) + "/"
    canonical = site_url.rstrip("/") + new if site_url else new
    target = html.escape(relative, quote=True)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved to {html.escape(new)}</title>\n"
        f"<link rel=\"canonical\" href=\"{html.escape(canonical, quote=True)}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        f"<script>location.replace({json.dumps(relative)} + location.hash);</script>\n"
        "</head>\n<body>\n"
        f"<p>This document has moved to <a href=\"{target}\">{html.escape(canonical)}</a>.</p>\n"
        "</body>\n</html>\n"
    )
