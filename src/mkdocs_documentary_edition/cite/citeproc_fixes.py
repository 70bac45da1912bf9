"""Corrections to citeproc-py, each a rule of the CSL specification that the processor skips or
bends, so that its output is what citeproc-js (the reference implementation) writes.

1. Positions. citeproc-py works out first, subsequent and "Ibid." itself from the citations it was
   given, by rules of its own. We work them out as citeproc-js does (``formatter.DocumentCitations``)
   and hand each cite its position: ``cs:if position=...`` reads that.
2. ``disambiguate="true"``: citeproc-py takes every such condition as met, which put the year into
   every short note. It is met here only for a cite that the formatter found ambiguous: one whose
   short form is the same as another work's (two editions of one book).
3. Names used in place of a missing author (``cs:substitute``) must not appear again in the same
   entry (CSL 1.0.2, "Substitute"). citeproc-py suppresses them only in ``cs:text``, and not at all
   when they were substituted through a macro, so an edited volume read "Allen, Barbara C., ed. ...
   Edited and translated by Barbara C. Allen". We drop the substituted roles from later ``cs:names``.
4. ``subsequent-author-substitute``: citeproc-py ignores it. The first names of each bibliography
   entry are set aside as a placeholder (:data:`NAMES_TOKEN`) and noted; the formatter puts back
   either them or the style's substitute (the 3-em dash) once it knows the entry before.
5. Author suppressed, or shown alone (Pandoc's ``-@key`` and ``@key [45]``): the first names of
   the cite are left out, or are all that is kept (:class:`CiteNames`), as in citeproc-js.
6. Title case spares the stop words of CSL 1.0.2 (citeproc-py knows only 26 of them), so "within"
   and "per" stay lowercase, as in citeproc-js.
7. Speed: citeproc-py asks lxml the same XPath questions of the same style elements over and over
   (which layout, which citation or bibliography an element is in; which term a locale gives),
   half of its time. The style does not change while it is used, so each answer is kept; and a
   cite finds its item once, not at every condition it is tested against.

The comparison with citeproc-js (tests/test_citations_vs_citeproc_js.py) checks each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citeproc import CitationStylesStyle
from citeproc import model as csl_model
from citeproc.source import CitationItem
from citeproc.string import String

__all__ = ["NAMES_TOKEN", "CiteNames", "EntryNames", "apply_fixes", "cite_names", "entry_names"]

NAMES_TOKEN = "\U000fff03"  # noqa: S105 - a placeholder character, not a secret

# CSL 1.0.2, "Title case conversion": the words title case leaves lowercase (one-word ones).
_STOP_WORDS = """
a about above across afore after against along alongside amid amidst among amongst an and anenst apropos apud
around as aside astride at athwart atop barring before behind below beneath beside besides between beyond but by
circa despite down during except for forenenst from given in inside into lest like modulo near next nor
notwithstanding of off on onto or out over per plus pro qua sans since so than the through thru throughout thruout
till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within without yet
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_BIBLIOGRAPHY = "{http://purl.org/net/xbiblio/csl}bibliography"
_NAMES = "{http://purl.org/net/xbiblio/csl}names"
_TEXT = "{http://purl.org/net/xbiblio/csl}text"


@dataclass(slots=True)
class EntryNames:
    """The first names of the bibliography entry being rendered, set aside for the substitute."""

    active: bool = False
    names: str | None = None
    seen: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CiteNames:
    """What of the cite being rendered is shown: all (""), all but its first names ("suppress"), or
    those names alone ("only", noted in ``names``), as for Pandoc's ``-@key`` and ``@key [45]``."""

    mode: str = ""
    names: Any = None
    done: bool = False


entry_names = EntryNames()
cite_names = CiteNames()

_original_process = csl_model.Names.process
_original_name_render = csl_model.Name.render
_original_repress = csl_model.Substitute.add_to_repressed_list
_original_case = csl_model.TextCased.case
_original_is_plural = csl_model.Label._is_plural
term_language = "en"  # the language of the loaded style's locale, for the case of its terms
_original_xpath = csl_model.CitationStylesElement.xpath_search
# Answers by (element, expression). Holding the element keeps lxml's proxy for it alive, so the
# same node is the same key; the cache is emptied whenever a style is (re)loaded.
_xpath_answers: dict[tuple[Any, str], Any] = {}


_original_reference = CitationItem.reference


def _reference(self: Any) -> Any:
    found = dict.get(self, "edition_reference")
    if found is None:
        found = _original_reference.fget(self)
        dict.__setitem__(self, "edition_reference", found)
    return found


def _xpath_search(self: Any, expression: str) -> Any:
    key = (self, expression)
    found = _xpath_answers.get(key)
    if found is None:
        found = _xpath_answers[key] = _original_xpath(self, expression)
    return found


def _process_names(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
    state = cite_names
    if not state.mode or state.done or kwargs.get("sort_options") is not None:
        return _process_without_substituted_roles(self, item, names_context, context, **kwargs)
    state.done = True
    if state.mode == "suppress":
        raise csl_model.VariableError  # the author is in the sentence already
    state.names = _process_without_substituted_roles(self, item, names_context, context, **kwargs)
    return state.names


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


def _repress_through_macros(self: Any, child: Any, context: Any) -> None:
    _original_repress(self, child, context)
    if child.tag == _TEXT and child.get("macro"):
        # What is substituted by way of a macro (names, or a title) is as used as what is
        # substituted directly: an anonymous work's title is not printed again after it.
        repressed = context.get_layout().repressed
        macros = [child.get("macro")]
        while macros:
            for element in self.get_macro(macros.pop()).iter(_NAMES, _TEXT):
                if element.tag == _NAMES:
                    repressed.setdefault(_NAMES, []).extend((element.get("variable") or "").split())
                elif element.get("variable"):
                    repressed.setdefault(_TEXT, []).append(element.get("variable"))
                elif element.get("macro"):
                    macros.append(element.get("macro"))


def _name_render(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None,
                 **kwargs: Any) -> Any:
    text = _original_name_render(self, item, variable, context=context, sort_options=sort_options, **kwargs)
    if entry_names.active and entry_names.names is None and sort_options is None and text:
        entry_names.names = str(text)
        return String(NAMES_TOKEN)
    return text


def _if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    results: list[bool] = []
    if "type" in self.attrib:
        results += self._type(item)
    if "variable" in self.attrib:
        results += self._variable(item)
    if "is-numeric" in self.attrib:
        results += [bool(item.get("edition_numeric")) if variable == "locator" and "edition_numeric" in item
                    else self._is_numeric_one(item, variable) for variable in self.get("is-numeric").split()]
    if "is-uncertain-date" in self.attrib:
        results += self._is_uncertain_date(item)
    if "locator" in self.attrib:
        results += self._locator(item)
    if "position" in self.attrib:
        results += _positions(self, item, context)
    if "disambiguate" in self.attrib:
        results.append(bool(item.get("edition_disambiguate")) and self.get("disambiguate") == "true")
    match = self.get("match", "all")
    met = any(results) if match == "any" else not any(results) if match == "none" else all(results)
    if not met:
        raise csl_model.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _is_numeric_one(self: Any, item: Any, variable: str) -> bool:
    name = variable.replace("-", "_")
    return name in item.reference and bool(self.re_numeric.match(str(item.reference[name])))


def _label_is_plural(self: Any, item: Any) -> bool:
    # The locator reaches the processor as a placeholder; whether it is plural ("pp. 45-47") is
    # worked out from the real one and handed over with it.
    if self.get("variable") == "locator" and "edition_plural" in item:
        return bool(item["edition_plural"])
    return bool(_original_is_plural(self, item))


def _positions(element: Any, item: Any, context: Any) -> list[bool]:
    """The ``position`` tests against the position the formatter gave the cite (CSL 1.0.2, "Position")."""
    where = context if context is not None else element
    position = item.get("edition_position")
    if position is None or where.xpath_search("./ancestor::*[self::cs:bibliography]"):
        return [False]  # a bibliography entry has no position
    kind, near = position
    tests = {
        "first": kind == "first",
        "subsequent": kind != "first",
        "ibid": kind in ("ibid", "ibid-with-locator"),
        "ibid-with-locator": kind == "ibid-with-locator",
        "near-note": kind != "first" and near,
    }
    return [tests.get(test, False) for test in element.get("position").split()]


def _title_case(self: Any, text: Any, language: str | None = None) -> Any:
    if language is None and isinstance(self, csl_model.Label):
        language = term_language  # a label is a term of the locale, not text of the item ("Ed.")
    if self.get("text-case") != "title" or language != "en":
        return _original_case(self, text, language)
    output = []
    previous = ":"  # the first word, and a word after a colon, take a capital
    for word in text.words():
        if word.islower() and (str(word) not in STOP_WORDS or previous in (":", ".", "?", "!")):
            word = word.capitalize_first()
        elif word.islower():
            word = word.soft_lower()
        previous = word[-1]
        output.append(word)
    return " ".join(output)


def apply_fixes(style: CitationStylesStyle) -> None:
    """Correct citeproc-py's behaviour (idempotent); the style itself is left as it is."""
    csl_model.Names.process = _process_names
    csl_model.Substitute.add_to_repressed_list = _repress_through_macros
    csl_model.Name.render = _name_render
    csl_model.If.render = _if_render
    csl_model.TextCased.case = _title_case
    csl_model.If._is_numeric_one = _is_numeric_one
    csl_model.Label._is_plural = _label_is_plural
    global term_language
    locales = getattr(style.root, "locales", None) or []
    lang = locales[0].get("{http://www.w3.org/XML/1998/namespace}lang", "en") if locales else "en"
    term_language = str(lang).split("-")[0]
    _xpath_answers.clear()
    csl_model.CitationStylesElement.xpath_search = _xpath_search
    CitationItem.reference = property(_reference)
