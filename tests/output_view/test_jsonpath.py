from __future__ import annotations

from explorer.output_view import jsonpath_query

OUTPUT = {"records": [{"Id": "1", "Rating": "Warm"}, {"Id": "2", "Rating": "Cold"}, {"Id": "3", "Rating": "Warm"}]}


def test_matches_carry_paths_in_the_viewers_form():
    result = jsonpath_query(OUTPUT, "$.records[*].Id")
    assert [(m.path, m.value) for m in result.matches] == [
        ("$.records[0].Id", "1"),
        ("$.records[1].Id", "2"),
        ("$.records[2].Id", "3"),
    ]
    assert result.error == ""


def test_filters_work():
    result = jsonpath_query(OUTPUT, "$.records[?@.Rating == 'Warm'].Id")
    assert [m.value for m in result.matches] == ["1", "3"]


def test_a_syntax_error_is_a_message_not_an_exception():
    result = jsonpath_query(OUTPUT, "$.records[")
    assert result.matches == [] and result.error.startswith("Not a valid JSONPath expression")


def test_empty_and_overlong_expressions_are_explained():
    assert "Type a JSONPath" in jsonpath_query(OUTPUT, "  ").error
    assert "longer than" in jsonpath_query(OUTPUT, "$" + ".a" * 1000).error


def test_matches_are_capped():
    result = jsonpath_query({"xs": list(range(2000))}, "$.xs[*]", limit=100)
    assert len(result.matches) == 100 and result.truncated
