"""The MkDocs adapter: the only module that knows MkDocs.

It reads and checks the edition once per build, adds one page per document, person, event and
section, and hands each template the records it shows. Everything it shows was computed by the
content model and the index; this module only places it.
"""

from __future__ import annotations

import html
import json
import logging
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .citations import DEFAULT_STYLE, CitationFormatter, resolve_citations
from .index import EditionIndex
from .loading import load_edition
from .markdown_ext import EditionMarkdown
from .permalinks import RECORD_FILE, redirects
from .problems import format_problems
from .records import FOLDERS
from .redirects import redirect_page
from .settings import EditionSettings, settings_from_mapping
from .views import PageView, page_views

__all__ = ["EditionPlugin", "EditionPluginConfig"]

log = logging.getLogger("mkdocs.plugins.edition")

SOURCE_FOLDERS = tuple(FOLDERS.values())


class EditionPluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    sections = c.Type(list, default=[])
    editors = c.Type(list, default=[])
    publisher = c.Type(str, default="")
    year = c.Type(int, default=0)
    csl_style = c.Type(str, default="")
    language = c.Type(str, default="en")


def _theme_dir() -> Path:
    packaged = Path(__file__).parent / "theme"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "theme"


class EditionPlugin(BasePlugin[EditionPluginConfig]):
    """``plugins: [edition]``: the edition's documents, people and events as a browsable site."""

    def __init__(self) -> None:
        self.command = ""
        self.root = Path()
        self.index: EditionIndex | None = None
        self.views: dict[str, PageView] = {}
        self.markdown = EditionMarkdown()
        self.site_dir = ""
        self.staging_dir = ""
        self.built = False
        self.citations: CitationFormatter | None = None
        self.settings = EditionSettings()
        self._citations_signature: tuple[Any, ...] = ()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps one plugin instance across ``mkdocs serve`` rebuilds."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read and check the whole edition before anything is written; errors stop the build here."""
        self.index, self.views, self.built, self.staging_dir = None, {}, False, ""
        if not self.config.enabled:
            return None
        if not config.use_directory_urls:
            raise PluginError("the edition plugin needs 'use_directory_urls: true' in mkdocs.yml: its permanent "
                              "URLs are folders, /documents/<id>/")
        self.root = Path(config.config_file_path or ".").resolve().parent
        settings, problems = settings_from_mapping(dict(self.config))
        settings = replace(settings, site_name=config.site_name, site_url=config.site_url or "",
                           docs_dir=config.docs_dir)
        loaded = load_edition(self.root, settings)
        problems = sorted(set(problems + loaded.problems))
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if errors or (config.strict and warnings):
            raise PluginError("the edition has problems; nothing was written:\n" + format_problems(problems))
        for problem in warnings:
            log.warning(problem.as_text())
        self.settings = settings
        self.index = EditionIndex.build(loaded.edition)
        self.citations = self._citation_formatter(loaded.edition.bibliography, settings)

        theme_dir = str(_theme_dir())
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        if not any(isinstance(e, EditionMarkdown) for e in config.markdown_extensions):
            config.markdown_extensions.append(self.markdown)
        for name in ("footnotes", "attr_list", "md_in_html"):
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if "assets/stylesheets/edition.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/edition.css")
        if "assets/javascripts/edition.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/javascripts/edition.js")
        config.nav = self._nav(config)
        if self.command == "build":
            self._stage(config)
        return config

    def _citation_formatter(self, entries: dict[str, Any], settings: EditionSettings) -> CitationFormatter:
        # Parsing the style and the bibliography is the slow part: keep it while neither changes,
        # so that `mkdocs serve` rebuilds after an edit to a document pay nothing for it.
        style = (self.root / settings.csl_style) if settings.csl_style else DEFAULT_STYLE
        if not style.is_file():
            raise PluginError(f"mkdocs.yml: csl_style '{settings.csl_style}' is not a file; give the path of a "
                              ".csl file relative to mkdocs.yml")
        signature = (str(style), style.stat().st_mtime_ns, tuple(sorted(entries.items())))
        if self.citations is None or signature != self._citations_signature:
            self.citations = CitationFormatter(entries, style, cache_dir=self.root / ".cache" / "edition")
            self._citations_signature = signature
        return self.citations

    def _nav(self, config: MkDocsConfig) -> list[Any]:
        nav = list(config.nav) if config.nav is not None else self._front_pages(config)
        sections = [{s.title: f"sections/{s.id}.md"} for s in self.index.edition.sections]
        nav.append({"Sections": sections})
        nav.append({"People": "people/index.md"})
        nav.append({"Events": "events/index.md"})
        nav.append({"Chronology": "chronology.md"})
        if self.index.edition.bibliography:
            nav.append({"Bibliography": "bibliography.md"})
        return nav

    @staticmethod
    def _front_pages(config: MkDocsConfig) -> list[Any]:
        docs = Path(config.docs_dir)
        pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
        return sorted(pages, key=lambda p: (p != "index.md", p))

    def _stage(self, config: MkDocsConfig) -> None:
        # MkDocs cleans and writes site_dir in place; we build beside it and swap only on success,
        # so a failed build leaves the last good site untouched.
        self.site_dir = config.site_dir
        parent = Path(self.site_dir).parent
        parent.mkdir(parents=True, exist_ok=True)
        self.staging_dir = tempfile.mkdtemp(prefix=f".{Path(self.site_dir).name}-building-", dir=parent)
        config.site_dir = self.staging_dir

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add a page for every document, person, event, section and index."""
        if not self.config.enabled or self.index is None:
            return None
        self.views = page_views(self.index, self.citations, self.settings)
        generated: dict[str, str | bytes] = {}
        for src_uri, view in self.views.items():
            generated[src_uri] = self._page_source(view)
            if view.citation is not None:
                folder = f"documents/{view.record.id}"
                generated[f"{folder}/{view.record.id}.bib"] = view.citation.bibtex()
                generated[f"{folder}/{view.record.id}.ris"] = view.citation.ris()
                generated[f"{folder}/{view.record.id}.json"] = view.citation.csl_json()
        for old, new in redirects(self.index.edition).items():
            generated[f"{old.strip('/')}/index.html"] = redirect_page(old, new, config.site_url or "")
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{src_uri} clashes with a page the edition generates; "
                                  "rename or remove it")
            view = self.views.get(src_uri)
            inclusion = self._inclusion(view) if view else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    @staticmethod
    def _inclusion(view: PageView) -> InclusionLevel:
        # Sections and indexes are in the nav; documents, people and events are reached from them,
        # which keeps every page's nav (and so its size) independent of the edition's size.
        return InclusionLevel.INCLUDED if view.in_nav else InclusionLevel.NOT_IN_NAV

    @staticmethod
    def _page_source(view: PageView) -> str:
        # Titles reach Material's header, nav and <title> unescaped, so we escape them once here.
        meta: dict[str, Any] = {"title": html.escape(view.title, quote=False), "template": view.template}
        if not view.searchable:
            meta["search"] = {"exclude": True}
        if view.description:
            meta["description"] = html.escape(view.description, quote=True)
        return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{view.markdown}"

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Resolve citations on the edition's own front pages; generated pages arrive resolved."""
        self.markdown.page_src_uri = page.file.src_uri
        view = self.views.get(page.file.src_uri)
        self.markdown.number_paragraphs = view is not None and view.kind == "document"
        if page.file.src_uri in self.views or self.citations is None:
            return None
        return resolve_citations(markdown, self.citations).markdown

    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Make the header's names and titles searchable: the search index reads page content only."""
        view = self.views.get(page.file.src_uri)
        if view is None or not view.search_terms():
            return None
        terms = " · ".join(html.escape(term) for term in view.search_terms())
        return f'{html_}\n<p class="edition-search-terms" hidden>{terms}</p>'

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any] | None:
        view = self.views.get(page.file.src_uri)
        if view is not None:
            context["edition"] = view
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.built = True
        if self.citations is not None:
            self.citations.save_cache()

    def on_build_error(self, *, error: Exception) -> None:
        self.built = False

    def on_shutdown(self) -> None:
        """Swap the finished site into place, or throw away a failed one."""
        if not self.staging_dir:
            return
        staging, self.staging_dir = self.staging_dir, ""
        if not self.built:
            shutil.rmtree(staging, ignore_errors=True)
            return
        target = Path(self.site_dir)
        previous = None
        if target.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{target.name}-previous-", dir=target.parent))
            target.rename(previous / target.name)
        Path(staging).rename(target)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Reload when a document, person, event or the bibliography changes."""
        style = self.root / self.settings.csl_style if self.settings.csl_style else None
        for path in (*(self.root / name for name in SOURCE_FOLDERS), self.root / "bibliography.bib",
                     self.root / RECORD_FILE, style):
            if path is not None and path.exists():
                server.watch(str(path))
        return server
