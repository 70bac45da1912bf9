"""Authority files: the identifiers that name a person or an event the same way across catalogues,
editions and knowledge bases, and the URIs they stand for.

An edition links its people and events to Wikidata, VIAF and GND so that readers reach what else is
known of them, and so that other editions' data can be joined with ours: the same URIs go into the
page, the JSON-LD (``sameAs``), the data downloads and the TEI (``ref``). The identifiers' forms are
checked by the front-matter schema; here they only become URIs.
"""

from __future__ import annotations

from .records import Authorities

__all__ = ["AUTHORITY_NAMES", "authority_links", "authority_uris"]

# key -> (name shown on the page, URI of an identifier: the form each authority gives as canonical)
AUTHORITY_NAMES = {"wikidata": "Wikidata", "viaf": "VIAF", "gnd": "GND"}
_URIS = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
}
# Where a reader reads the record: Wikidata's entity URI redirects to data for machines.
_PAGES = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}/",
    "gnd": "https://d-nb.info/gnd/{}",
}


def _identifiers(authorities: Authorities) -> list[tuple[str, str]]:
    return [(key, value) for key, value in (("wikidata", authorities.wikidata), ("viaf", authorities.viaf),
                                             ("gnd", authorities.gnd)) if value]


def authority_uris(authorities: Authorities) -> list[str]:
    """The identifiers as the URIs of linked data (``sameAs``, TEI ``ref``), Wikidata first."""
    return [_URIS[key].format(value) for key, value in _identifiers(authorities)]


def authority_links(authorities: Authorities) -> list[tuple[str, str, str]]:
    """(authority's name, identifier, page a reader opens) for each identifier, for the record's page."""
    return [(AUTHORITY_NAMES[key], value, _PAGES[key].format(value)) for key, value in _identifiers(authorities)]
