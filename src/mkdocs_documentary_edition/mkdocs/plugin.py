"""The MkDocs adapter: it reads and checks the edition once per build, adds the edition's files, and
places what the content model computed.

The edition's own pages arrive already read: their HTML is the one reading the check validated
(``sources.markdown``), so MkDocs converts no Markdown for them; only the front pages in ``docs/``
are converted by MkDocs, with the same extension.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from ..cite.formatter import DEFAULT_STYLE, CitationFormatter
from ..cite.notes import format_notes
from ..cite.works import WorkFormatter
from ..model import urls
from ..model.index import EditionIndex
from ..model.problems import format_problems
from ..model.records import BibEntry
from ..model.settings import CACHE_DIR, EditionSettings
from ..publish.cite_this import edition_work, page_work
from ..publish.data import WrittenRecords
from ..publish.files import GeneratedFile, generated_files
from ..publish.pages import PageView, home_view, render_reading
from ..publish.search import SearchCopies, SearchIndexError, index_site, russian_records
from ..sources.bibtex import BIBLIOGRAPHY_FILE
from ..sources.config import load_settings
from ..sources.load import load_edition
from ..sources.markdown import EditionExtension, collect, required_extensions
from ..sources.published import RECORD_FILE
from ..sources.reader import ReadCache, front_page_body, settings_fingerprint
from . import staging
from .config import EditionPluginConfig
from .made import MadeFile
from .preview import KEPT, Collections, Preview, folder_stamp

__all__ = ["CompiledTemplates", "EditionPlugin"]

log = logging.getLogger("mkdocs.plugins.edition")


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, each under a key of its name and a checksum of its text."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _colophon(settings: EditionSettings) -> str:
    """The footer's line: the licence of the texts, the publisher, and the version cited."""
    parts = []
    if settings.licence:
        name = html.escape(settings.licence_name)
        link = settings.licence_link
        parts.append(f'Texts: <a href="{html.escape(link, quote=True)}" rel="license">{name}</a>' if link
                     else f"Texts: {name}")
    if settings.publisher:
        parts.append(html.escape(settings.publisher))
    if settings.version:
        parts.append(html.escape(f"version {settings.version} ({settings.version_date})"))
    return " · ".join(parts)


def _escaped(nav: list[Any]) -> list[Any]:
    """The titles of a nav from mkdocs.yml as text: Material prints them as they are."""
    entries: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            entries.append({html.escape(str(title), quote=False): _escaped(value) if isinstance(value, list) else value
                            for title, value in entry.items()})
        else:
            entries.append(entry)
    return entries


def _theme_dir() -> Path:
    packaged = Path(__file__).parents[1] / "theme"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "theme"


class EditionPlugin(BasePlugin[EditionPluginConfig]):
    """``plugins: [edition]``: the edition's documents, people and events as a browsable site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = ""
        self.root = Path()
        self.index: EditionIndex | None = None
        self.views: dict[str, PageView] = {}
        self.extension = EditionExtension()
        self.site_dir = ""
        self.staging_dir = ""
        self.built = False
        self.citations: CitationFormatter | None = None
        self.works: WorkFormatter | None = None
        self.settings = EditionSettings()
        self._citations_signature: tuple[Any, ...] = ()
        # Kept across `mkdocs serve` rebuilds: a save reads again only the files it changed.
        self.read_cache = ReadCache()
        self.preview = Preview()
        self.compiled = CompiledTemplates()
        self.collections = Collections()
        self.written: WrittenRecords | None = None  # the data downloads' records, under `mkdocs serve`
        self.generated: list[GeneratedFile] = []
        self.search_copies = SearchCopies()
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps one plugin instance across ``mkdocs serve`` rebuilds."""
        self.command = command
        # With --dirty, MkDocs writes only the pages whose files changed, so search copies would miss the
        # others: Pagefind then reads the site itself.
        self.dirty = dirty
        # A build holds no record's text longer than its download takes to write.
        self.written = WrittenRecords() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read and check the whole edition before anything is written; errors stop the build here."""
        self.index, self.views, self.built, self.staging_dir = None, {}, False, ""
        self.search_copies.discard()
        if not self.config.enabled:
            return None
        if self.command == "serve" and self.preview.previous is not None:
            self.collections.hold()  # a quick build, most likely: see Collections
        if not config.use_directory_urls:
            raise PluginError("the edition plugin needs 'use_directory_urls: true' in mkdocs.yml: its permanent "
                              "URLs are folders, /documents/<id>/")
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = config_file.parent
        settings, problems = load_settings(self.root, config_file.name)
        # Read the texts with the very extensions MkDocs resolved, so that both agree by construction.
        names = [name for name in config.markdown_extensions if isinstance(name, str)]
        docs_dir = Path(config.docs_dir)
        settings = dataclasses.replace(
            settings, markdown_extensions=tuple(names), markdown_configs=dict(config.mdx_configs or {}),
            site_name=config.site_name, site_url=config.site_url or "",
            docs_dir=docs_dir.relative_to(self.root).as_posix() if docs_dir.is_relative_to(self.root)
            else str(docs_dir))
        loaded = load_edition(self.root, settings, self.read_cache, processes=True, keep=True)
        problems = sorted(set(problems + loaded.problems))
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if errors or loaded.edition is None or (config.strict and warnings):
            raise PluginError("the edition has problems; nothing was written:\n" + format_problems(problems))
        for problem in warnings:
            log.warning(problem.as_text())
        self.settings = settings
        self.extension.in_text = settings.citation_class == "in-text"  # front pages read as the texts are
        self.index = EditionIndex.build(loaded.edition)
        self.citations = self._citation_formatter(loaded.edition.bibliography, settings)
        self.works = WorkFormatter(self._style(settings), cache_dir=self.root / CACHE_DIR)
        if not config.copyright:
            config.copyright = _colophon(settings)

        # Material's default fonts come from Google's servers: a reader's browser should ask no third
        # party for anything, so the edition uses the reader's own fonts unless the editors chose others.
        if config.theme.get("font") == {"text": "Roboto", "code": "Roboto Mono"}:
            config.theme["font"] = False
        theme_dir = str(_theme_dir())
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        extensions = cast(list[Any], config.markdown_extensions)  # MkDocs takes Extension objects too
        for name in required_extensions(names):
            if name not in extensions:
                extensions.append(name)
        if self.extension not in extensions:
            extensions.append(self.extension)
        if "assets/stylesheets/edition.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/edition.css")
        if "assets/javascripts/edition.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/javascripts/edition.js")
        # Paper: no navigation or search, notes at the end, the address of every link printed.
        if "assets/stylesheets/print.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/print.css")
        if "assets/javascripts/print.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/javascripts/print.js")
        config.nav = self._nav(config)
        self.generated = generated_files(self.index, self.citations, self.settings, self.written)
        if self.command == "serve":
            # What every page depends on besides the records: while it stays the same, a save writes
            # only the pages whose records changed (mkdocs/preview.py). A build has no last build to
            # compare with, and pays nothing for this.
            context = (settings_fingerprint(settings), self._citations_signature, loaded.edition.front_pages,
                       loaded.record, folder_stamp([str(d) for d in config.theme.dirs] + [config.docs_dir]),
                       config.site_url, config.use_directory_urls)
            self.preview.plan(config, self.generated, self.index, context)
            if self.preview.quick is None:
                self.collections.release()
        # Material prints these as they are; what mkdocs.yml says is text, like everything else.
        config.site_name = html.escape(config.site_name, quote=True)
        if config.site_description:
            config.site_description = html.escape(config.site_description, quote=True)
        if self.command == "build":
            self.site_dir = config.site_dir
            self.staging_dir = staging.stage(config.site_dir)
            config.site_dir = self.staging_dir
        return config

    def _citation_formatter(self, entries: dict[str, BibEntry], settings: EditionSettings) -> CitationFormatter:
        # Parsing the style and the bibliography is the slow part: keep it while neither changes,
        # so that `mkdocs serve` rebuilds after an edit to a document pay nothing for it.
        style = self._style(settings)
        signature = (str(style), style.stat().st_mtime_ns, settings.language, tuple(sorted(entries.items())))
        if self.citations is None or signature != self._citations_signature:
            # The edition's language chooses the citation locale ("ru" is ru-RU: "Там же").
            self.citations = CitationFormatter(entries, style, locale=settings.language,
                                               cache_dir=self.root / CACHE_DIR)
            self._citations_signature = signature
        return self.citations

    def _style(self, settings: EditionSettings) -> Path:
        style = (self.root / settings.csl_style) if settings.csl_style else DEFAULT_STYLE
        if not style.is_file():
            raise PluginError(f"mkdocs.yml: csl_style '{settings.csl_style}' is not a file; give the path of a "
                              ".csl file relative to mkdocs.yml")
        return style

    def _nav(self, config: MkDocsConfig) -> list[Any]:
        assert self.index is not None
        docs = f"{self.settings.docs_dir}/"
        front: list[Any] = sorted((p.removeprefix(docs) for p in self.index.edition.front_pages),
                                  key=lambda p: (p != "index.md", p))
        nav = _escaped(list(config.nav)) if config.nav is not None else front
        sections = [{html.escape(s.title, quote=False): urls.page_src("section", s.id)}
                    for s in self.index.edition.sections]
        nav.append({"Search": urls.INDEX_PAGES["search"]})
        nav.append({"Documents": urls.INDEX_PAGES["documents-index"]})
        nav.append({"Sections": [urls.INDEX_PAGES["sections-index"], *sections]})
        nav.append({"People": urls.INDEX_PAGES["people-index"]})
        nav.append({"Events": urls.INDEX_PAGES["events-index"]})
        nav.append({"Chronology": urls.INDEX_PAGES["chronology"]})
        if self.index.edition.bibliography:
            nav.append({"Bibliography": urls.INDEX_PAGES["bibliography"]})
        nav.append({"Data": urls.DATA_PAGE})
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add every page, download and redirect of the edition."""
        if not self.config.enabled or self.index is None:
            return None
        self.views = {}
        files = self.preview.files(files)
        for generated in self.generated:
            if not self.preview.wanted(generated):
                continue
            if files.get_file_from_path(generated.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{generated.src_uri} clashes with a page the edition "
                                  "generates; rename or remove it")
            view = generated.view
            if view is None:
                files.append(MadeFile(config, generated.src_uri, generated.make) if generated.make is not None
                             else File.generated(config, generated.src_uri, content=generated.content,
                                                 inclusion=InclusionLevel.NOT_IN_NAV))
                continue
            if self.preview.unchanged(generated):
                files.append(File.generated(config, generated.src_uri, content=self._page_source(view, KEPT),
                                            inclusion=InclusionLevel.INCLUDED))
                continue
            self.views[generated.src_uri] = view
            # Sections and indexes are in the nav; documents, people and events are reached from them,
            # which keeps every page's nav (and so its size) independent of the edition's size.
            inclusion = InclusionLevel.INCLUDED if view.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.src_uri, content=self._page_source(view),
                                        inclusion=inclusion))
        return files

    @staticmethod
    def _page_source(view: PageView, template: str = "") -> str:
        # Titles reach Material's header, nav and <title> unescaped, so we escape them once here.
        # The body stays empty: the page's text comes from its reading (on_page_content).
        meta: dict[str, Any] = {"title": html.escape(view.title, quote=False), "template": template or view.template}
        if not view.searchable:
            meta["search"] = {"exclude": True}
        if view.wide:
            meta["hide"] = ["navigation", "toc"]
        if view.description:
            meta["description"] = html.escape(view.description, quote=True)
        return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """MkDocs makes a new template environment for every build; the templates it compiles are kept
        (by name and text), so that a save under `mkdocs serve` does not compile them all again."""
        env.bytecode_cache = self.compiled
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Front pages are read as the edition's own texts are; the edition's pages need no conversion.
        The home page is the edition's own: it is shown with the edition's citation."""
        self.extension.begin(urls.url_of_src(page.file.src_uri), "page", self.settings.allow_raw_html)
        if page.file.src_uri not in self.views:
            page.meta.setdefault("template", "edition/home.html" if page.file.src_uri == "index.md"
                                 else "edition/front.html")
        return None

    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Place each page's text: the edition's pages from their reading, front pages with their notes."""
        view = self.views.get(page.file.src_uri)
        if page.file.src_uri in self.preview.kept:
            return ""
        if view is None:
            if self.citations is None:
                return None
            # MkDocs converted the page with the same extensions and our EditionExtension, from the text
            # the check read (sources.reader.front_page_body); this collects what that conversion found.
            _, first_line = front_page_body(page.file.content_string)
            path = f"{self.settings.docs_dir}/{page.file.src_uri}"
            reading, problems = collect(self.extension.found, html_, [], path, page.markdown or "", first_line)
            if any(p.is_error for p in problems):
                raise PluginError("a front page changed after it was checked:\n" + format_problems(problems))
            return render_reading(reading, format_notes(reading, self.citations))
        page.toc = get_toc(list(view.reading.toc))
        # The text is placed as the page is written (on_page_context): MkDocs reads every page before
        # it writes any, and would otherwise hold the text of the whole edition at once.
        return ""

    @staticmethod
    def _content(view: PageView) -> str:
        content = view.content()
        terms = view.search_terms()
        if terms:
            # The search index reads page content only; the header's names and titles belong in it.
            shown = " · ".join(f'<span lang="{view.lang_of(term)}">{html.escape(term)}</span>' if view.lang_of(term)
                               else html.escape(term) for term in terms)
            content += f'\n<p class="edition-search-terms" hidden>{shown}</p>'
        return content

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if page.file.src_uri in self.preview.kept:
            return context
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.content = self._content(view)
            context["edition"] = view  # type: ignore[typeddict-unknown-key]
        elif page.file.src_uri == "index.md" and self.index is not None:
            context["edition"] = home_view(self.index, page.title or "")  # type: ignore[typeddict-unknown-key]
        url = urls.absolute(self.settings.site_url, urls.url_of_src(page.file.src_uri))
        if view is not None and view.work is not None:
            work = view.work
        elif page.file.src_uri == "index.md":
            work = edition_work(self.settings, url)
        else:
            work = page_work(page.title or "", self.settings, url)
        context["cited"] = work  # type: ignore[typeddict-unknown-key]
        # Every page's head names the feed of new documents (there is one only with a site_url).
        context["edition_feed"] = urls.feed_src() if self.settings.site_url else ""  # type: ignore[typeddict-unknown-key]
        if work.kind != "webpage" and self.works is not None:
            context["cited_entry"] = self.works.entry(work.csl())  # type: ignore[typeddict-unknown-key]
            context["cited_files"] = {  # type: ignore[typeddict-unknown-key]
                suffix: urls.download_src(work.key, suffix) if work.kind == "bookSection"
                else urls.edition_download_src(suffix) for suffix in urls.DOWNLOADS}
        return context

    @event_priority(-100)  # last: the copy is of the page as it is written, whatever other plugins did
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Keep what search reads of the page (publish.search.SearchCopies), on a full build."""
        if self.index is not None and self.preview.quick is None and not self.dirty:
            self.search_copies.add(page.file.dest_uri, output)
        if page.file.src_uri in self.views:
            page.content = None  # written: no later step reads it (see on_page_content)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # A quick preview leaves the search index of the last full build: indexing takes a build's
        # tenth, and a preview is for reading the pages just saved.
        quick = self.preview.quick is not None
        if self.index is not None and not quick:
            try:
                index_site(Path(config.site_dir), russian_records(self.index), self.search_copies)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            finally:
                self.search_copies.discard()
        if quick:
            pages = sum(1 for generated in self.generated if generated.view is not None)
            log.info(f"edition: quick preview: {len(self.views)} of {pages} pages written again (search keeps "
                     "the index of the last full build)")
        self.preview.finish()
        self.built = True
        if self.citations is not None:
            self.citations.save_cache()
        if self.works is not None:
            self.works.save()
        if self.command == "serve":
            self.collections.later()

    def on_build_error(self, *, error: Exception) -> None:
        self.built = False
        self.search_copies.discard()
        self.preview.discard()
        if self.command == "serve":
            self.collections.later()

    def on_shutdown(self) -> None:
        """Swap the finished site into place, or throw away a failed one."""
        # A build stopped by an interrupt reaches no on_build_error, but reaches this.
        self.search_copies.discard()
        if self.staging_dir:
            built_dir, self.staging_dir = self.staging_dir, ""
            staging.finish(built_dir, self.site_dir, self.built)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Reload when a document, person, event, the bibliography or the URL record changes."""
        style = self.root / self.settings.csl_style if self.settings.csl_style else None
        watched = [*(self.root / urls.FOLDERS[kind] for kind in ("document", "person", "event")),
                   self.root / BIBLIOGRAPHY_FILE, self.root / RECORD_FILE, style]
        for path in watched:
            if path is not None and path.exists():
                server.watch(str(path))
        return server
