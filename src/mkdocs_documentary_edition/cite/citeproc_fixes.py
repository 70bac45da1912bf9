"""Two corrections to citeproc-py, each a rule of the CSL specification the processor skips.

1. ``disambiguate="true"``: citeproc-py does not disambiguate, yet passes every such test, which
   puts the year into every short note of the Chicago styles. A processor that never
   disambiguates must fail the test, so we make those conditions unsatisfiable in the loaded style.
2. Names used in place of a missing author (``cs:substitute``) must not appear again in the same
   citation (CSL 1.0.2, "Substitute"). citeproc-py suppresses them only in ``cs:text``, so an edited
   volume read "Barbara C. Allen, ed., ..., ed. Barbara C. Allen". We drop the substituted roles
   from later ``cs:names`` elements, as Pandoc and citeproc-js do.

Both are checked against Pandoc's output in tests/test_citations_vs_pandoc.py.
"""

from __future__ import annotations

from typing import Any

from citeproc import CitationStylesStyle
from citeproc import model as csl_model

__all__ = ["apply_fixes"]

_original_process = csl_model.Names.process


def _process_without_substituted_roles(self: Any, item: Any, names_context: Any = None, context: Any = None,
                                       **kwargs: Any) -> Any:
    layout = (context if context is not None else self).get_layout()
    repressed = set(getattr(layout, "repressed", {}).get(self.tag, []))
    roles = (self.get("variable") or "").split()
    kept = [role for role in roles if role not in repressed]
    if not repressed or kept == roles:
        return _original_process(self, item, names_context=names_context, context=context, **kwargs)
    if not kept:
        raise csl_model.VariableError
    original = self.get("variable")
    self.set("variable", " ".join(kept))
    try:
        return _original_process(self, item, names_context=names_context, context=context, **kwargs)
    finally:
        self.set("variable", original)


def apply_fixes(style: CitationStylesStyle) -> None:
    """Correct a loaded style's behaviour under citeproc-py (idempotent)."""
    csl_model.Names.process = _process_without_substituted_roles
    for element in style.root.iter():
        if element.get("disambiguate") == "true" and len(element.attrib) == 1:
            element.set("type", "edition-never-matches")
