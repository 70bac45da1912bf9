"""Files of the site whose text is made when MkDocs writes them, not when it collects them.

An edition of thousands of documents has thousands of TEI files and several large downloads; made
at collection time, all of them would be held in memory until the site is written. A
:class:`MadeFile` holds only the function that makes its text, and is written like any other file.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

__all__ = ["MadeFile"]


class MadeFile(File):
    """A generated file whose text ``make`` writes on demand."""

    def __init__(self, config: MkDocsConfig, src_uri: str, make: Callable[[], str | bytes]) -> None:
        super().__init__(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls,
                         inclusion=InclusionLevel.NOT_IN_NAV)
        self.make = make
        self.generated_by = "edition"

    @property  # type: ignore[misc]
    def content_bytes(self) -> bytes:
        text = self.make()
        return text.encode("utf-8") if isinstance(text, str) else text

    @property  # type: ignore[misc]
    def content_string(self) -> str:
        text = self.make()
        return text if isinstance(text, str) else text.decode("utf-8")

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self.content_bytes)
