"""Historians' dates: EDTF level 1 read, sorted and said in words."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_documentary_edition.model.dates import EdtfError, parse_date, sort_key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1921", "1921"),
        ("1921-03", "March 1921"),
        ("1921-03-08", "8 March 1921"),
        ("1921-03-08?", "8 March 1921 (?)"),
        ("1921-03~", "c. March 1921"),
        ("1921-03-08%", "c. 8 March 1921 (?)"),
        ("1920-23", "autumn 1920"),
        ("192X", "1920s"),
        ("19XX", "1900s"),
        ("1921-XX", "1921"),
        ("1921-03-XX", "March 1921"),
        ("1921-XX~", "c. 1921"),
        ("1921-03-23/1921-04-01", "23 March – 1 April 1921"),
        ("1921-03-08/1921-03-16", "8–16 March 1921"),
        ("1921-03-08/1921-03-08", "8 March 1921"),
        ("1921-03/1921-05", "March – May 1921"),
        ("1920-12-18/1921-03-16", "18 December 1920 – 16 March 1921"),
        ("1922-04-03/..", "from 3 April 1922"),
    ],
)
def test_dates_are_said_in_words(text: str, words: str) -> None:
    assert parse_date(text).words() == words


def test_yaml_integers_and_dates_are_accepted() -> None:
    assert parse_date(1921).words() == "1921"
    assert parse_date(dt.date(1921, 3, 8)).words() == "8 March 1921"


def test_a_date_knows_its_earliest_and_latest_day() -> None:
    date = parse_date("1921-02")
    assert (date.earliest, date.latest) == (dt.date(1921, 2, 1), dt.date(1921, 2, 28))
    winter = parse_date("1920-24")
    assert winter.latest == dt.date(1921, 2, 28)


def test_dates_sort_by_earliest_then_latest_day() -> None:
    texts = ["1921-03-16", "1921", "1921-03", "1921-03-08/1921-03-16", "1920-23", "1921-03-08?"]
    ordered = sorted((parse_date(t) for t in texts), key=sort_key)
    assert [d.text for d in ordered] == ["1920-23", "1921", "1921-03", "1921-03-08?", "1921-03-08/1921-03-16",
                                         "1921-03-16"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1921-02-30", "does not exist"),
        ("1921-13", "not a month"),
        ("8 March 1921", "is not a date"),
        ("1922/1921", "ends before it starts"),
        ("1921-03-08/1921-04/1921-05", "not a date interval"),
        ("9999-24", "past the last supported year"),
    ],
)
def test_impossible_or_malformed_dates_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(EdtfError, match=fragment):
        parse_date(text)


def test_an_event_from_one_day_to_another_is_said_as_one_span() -> None:
    from mkdocs_documentary_edition.model.dates import span_words

    assert span_words(parse_date("1921-03-08"), parse_date("1921-03-16")) == "8–16 March 1921"
    assert span_words(parse_date("1921-03-08"), None) == "8 March 1921"
