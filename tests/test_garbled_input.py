"""No input, however broken, produces a traceback: garbled front-matter always yields clean problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EditionFolder
from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.sources.frontmatter import split_front_matter

VALID = "id: speech\ntitle: A speech\ndate: '1921-03-08'\nauthor: lenin\nvenue: Pravda\nsection: late\n"

yaml_fragments = st.sampled_from([
    "id:", "title:", "date:", "author:", "people:", "events:", "section:", "withdrawn:", "- ", "[", "]", "{", "}",
    ":", "'", '"', "&a", "*a", "!!python/object:os.system", "!!binary", "? ", "|", ">", "#", "\t", "  ", "\n",
    "1921-02-30", "1921", "null", "~", "yes", "..", "---", "\ufeff", "\x00", "é", "Шляпников", "<<: *a",
    "%YAML 1.2", "1e400", "0x1F", "@", "`", "\\", "%",
])
garbled = st.one_of(
    st.lists(yaml_fragments, max_size=30).map("".join),
    st.text(max_size=200),
    st.lists(st.sampled_from(VALID.splitlines(keepends=True)) | yaml_fragments, max_size=20).map("".join),
)


@given(front_matter=garbled)
@settings(max_examples=300, deadline=None)
def test_split_front_matter_never_raises(front_matter: str) -> None:
    _source, problems = split_front_matter("documents/x.md", f"---\n{front_matter}\n---\nBody.\n")
    for problem in problems:
        assert problem.path == "documents/x.md"
        assert problem.line >= 1


@given(front_matter=garbled, raw=st.binary(max_size=64))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_garbled_edition_reports_problems_instead_of_crashing(front_matter: str, raw: bytes) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        edition = EditionFolder(root)
        edition.person("lenin")
        edition.write("documents/garbled.md", f"---\n{front_matter}\n---\nBody [x](person:{front_matter[:5]}).\n")
        (root / "people" / "raw.md").write_bytes(raw)
        (root / "bibliography.bib").write_text(f"@book{{k,\n title = {{{front_matter}}}\n}}\n", encoding="utf-8")
        loaded = load_edition(root)
        assert loaded.readable
        for problem in loaded.problems:
            assert problem.path in ("documents/garbled.md", "people/raw.md", "bibliography.bib",
                                    "people/lenin.md")
            assert problem.message
    finally:
        shutil.rmtree(root, ignore_errors=True)
