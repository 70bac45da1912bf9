"""The plugin's options as MkDocs sees them: one per option declared in ``model.settings.OPTIONS``.

MkDocs only gathers them; ``sources.config`` validates them at their lines in mkdocs.yml, with the
messages ``edition check`` gives, so every type here accepts any value. A test keeps the names here
and in the declaration the same.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..model.settings import OPTIONS

__all__ = ["EditionPluginConfig"]

_DEFAULTS = {option.name: option.default for option in OPTIONS}


class EditionPluginConfig(base.Config):
    enabled = c.Type(object, default=_DEFAULTS["enabled"])
    sections = c.Type(object, default=_DEFAULTS["sections"])
    editors = c.Type(object, default=_DEFAULTS["editors"])
    publisher = c.Type(object, default=_DEFAULTS["publisher"])
    release = c.Type(object, default=_DEFAULTS["release"])
    year = c.Type(object, default=_DEFAULTS["year"])
    licence = c.Type(object, default=_DEFAULTS["licence"])
    licence_url = c.Type(object, default=_DEFAULTS["licence_url"])
    csl_style = c.Type(object, default=_DEFAULTS["csl_style"])
    language = c.Type(object, default=_DEFAULTS["language"])
    allow_raw_html = c.Type(object, default=_DEFAULTS["allow_raw_html"])
