"""Regular expressions never run away: JSONPath filters run on RE2 (linear time), schema patterns share one time
budget per request (the `regex` module, interruptible), and a hostile expression in one request does not keep
other requests from completing."""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.output_view.jsonpath_filter import jsonpath_query
from explorer.output_view.jsonpath_re2 import RegexNotUsable, compile_pattern
from explorer.schemaforms import SchemaForm
from explorer.schemaforms.validation import (
    PatternTimeout,
    matches,
    pattern_budget,
    search,
    validate_input,
    validator_for_schema,
)

HOSTILE_STRING = "A" * 32 + "!"

# --- JSONPath filters on RE2 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "values", "found"),
    [
        ("$[?@ =~ /(A+)+/]", [HOSTILE_STRING, "AAA"], ["AAA"]),
        ('$[?search(@, "(a|aa)+b")]', ["a" * 5_000, "aab"], ["aab"]),
        ('$[?match(@, "(a|a)+")]', ["a" * 5_000 + "!", "aaa"], ["aaa"]),
        ("$[?@ =~ /(x+x+)+y/]", ["x" * 10_000], []),
    ],
)
def test_a_hostile_filter_on_a_hostile_string_answers_with_its_result(expression, values, found):
    result = jsonpath_query(values, expression)
    assert result.error == "" and [match.value for match in result.matches] == found


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("$[?@ =~ /(a)\\1/]", "invalid escape sequence"),
        ('$[?search(@, "(?=a)b")]', "invalid perl operator"),
        ('$[?match(@, "(unclosed")]', "missing )"),
        ('$[?search(@, "((a{100}){100}){100}")]', "invalid repetition size"),
    ],
)
def test_an_expression_re2_cannot_compile_is_a_message_naming_why(expression, reason, capfd):
    result = jsonpath_query(["a", "b"], expression)
    assert result.matches == []
    assert reason in result.error and "RE2" in result.error
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""  # RE2's own error logging is off


def test_regex_flags_and_i_regexp_dots_keep_their_meaning():
    assert [m.value for m in jsonpath_query(["ABC", "abc"], "$[?@ =~ /abc/i]").matches] == ["ABC", "abc"]
    assert [m.value for m in jsonpath_query(["a\nb"], "$[?@ =~ /a.b/s]").matches] == ["a\nb"]
    assert jsonpath_query(["a\nb"], "$[?@ =~ /a.b/]").matches == []
    # RFC 9485: `.` is any character but a line break, \r included.
    assert [m.value for m in jsonpath_query(["axb", "a\rb", "a\nb"], '$[?match(@, "a.b")]').matches] == ["axb"]
    # match() is anchored, search() is not.
    assert jsonpath_query(["xaby"], '$[?match(@, "ab")]').matches == []
    assert len(jsonpath_query(["xaby"], '$[?search(@, "ab")]').matches) == 1


def test_strings_with_lone_surrogates_are_matched_not_a_crash():
    assert len(jsonpath_query(["a\ud800b"], '$[?search(@, "a")]').matches) == 1
    assert len(jsonpath_query(["a\ud800b"], "$[?@ =~ /a.b/]").matches) == 1


def test_a_very_long_pattern_from_the_data_is_refused():
    with pytest.raises(RegexNotUsable, match="longer than"):
        compile_pattern("a" * 5_000, iregexp=True)


SAFE_PATTERN = st.lists(
    st.sampled_from(["a", "b", "ab", "[ab]", "a*", "b+", "(a|b)", "a?", "\\d", "[^a]", "x{1,3}"]), max_size=5
).map("".join)


@given(SAFE_PATTERN, st.text(alphabet="abx1 ", max_size=12))
def test_re2_answers_as_stdlib_re_on_the_syntax_both_share(pattern, text):
    python = re.compile(pattern)
    assert compile_pattern(pattern).fullmatch(text) == bool(python.fullmatch(text))
    assert compile_pattern(pattern, iregexp=True).search(text) == bool(python.search(text))


# --- Schema patterns: one budget -----------------------------------------------------------------------------------

HOSTILE_PATTERN = "^(a|aa)+$"
HOSTILE_VALUE = "a" * 40 + "!"


def test_a_hostile_pattern_stops_at_the_budget_and_says_so(settings):
    settings.SCHEMA_PATTERN_BUDGET = 0.02
    errors = validate_input({"type": "string", "pattern": HOSTILE_PATTERN}, HOSTILE_VALUE)
    assert errors == {"$": [f"Pattern {HOSTILE_PATTERN!r} took too long to check against this value"]}
    assert validate_input({"type": "string", "pattern": HOSTILE_PATTERN}, "aaaa") == {}


def test_the_budget_is_shared_so_many_hostile_checks_do_not_add_up(settings):
    settings.SCHEMA_PATTERN_BUDGET = 0.02
    with pattern_budget() as budget:
        with pytest.raises(PatternTimeout):
            search(HOSTILE_PATTERN, HOSTILE_VALUE)
        assert budget.left <= 0
        started = time.perf_counter()
        for _ in range(1_000):  # each further check is refused at once: nothing is matched
            with pytest.raises(PatternTimeout):
                search(HOSTILE_PATTERN, HOSTILE_VALUE)
        assert not matches("^a$", "a")  # even an honest one, in this request
        elapsed = time.perf_counter() - started
    assert elapsed < 1.0  # 1,000 refusals, each without matching (a matched timeout would be 20 s)
    assert matches("^a$", "a")  # a new request, a new budget


def test_only_time_spent_matching_counts(settings):
    settings.SCHEMA_PATTERN_BUDGET = 0.05
    with pattern_budget() as budget:
        time.sleep(0.1)  # a slow database or Tray call in the same request spends nothing
        assert matches("^a+$", "aaa") and budget.left > 0


def test_many_keys_against_a_hostile_pattern_property_share_one_budget(settings):
    settings.SCHEMA_PATTERN_BUDGET = 0.02
    schema = {"type": "object", "patternProperties": {HOSTILE_PATTERN: {"type": "integer"}}}
    value = {HOSTILE_VALUE + str(i): "x" for i in range(500)}
    with pattern_budget() as budget:
        validate_input(schema, value)
        SchemaForm(schema, initial=value).render()
    assert budget.left <= 0


UNEVALUATED = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"id": {}},
    "patternProperties": {HOSTILE_PATTERN: {}},
    "unevaluatedProperties": False,
}


def test_unevaluated_properties_go_through_the_budget_too(settings):
    settings.SCHEMA_PATTERN_BUDGET = 0.02
    value = {"id": 1, **{HOSTILE_VALUE + str(i): 1 for i in range(100)}}
    with pattern_budget() as budget:
        errors = validate_input(UNEVALUATED, value)
    assert budget.left <= 0
    assert "Unevaluated properties are not allowed" in errors["$"][0]
    assert validate_input(UNEVALUATED, {"id": 1, "aaa": 2}) == {}


KEYS = st.dictionaries(st.sampled_from(["id", "name", "x1", "x2", "y", "aa", "b"]), st.integers(0, 3), max_size=5)
SCHEMAS = st.sampled_from(
    [
        {"properties": {"id": {}}, "patternProperties": {"^x": {}}, "unevaluatedProperties": False},
        {"allOf": [{"properties": {"name": {}}}], "anyOf": [{"patternProperties": {"^a": {"minimum": 1}}}]},
        {"if": {"required": ["id"]}, "then": {"patternProperties": {"^x": {}}}, "else": {"properties": {"y": {}}}},
        {"$defs": {"d": {"patternProperties": {"^[ab]": {}}}}, "$ref": "#/$defs/d"},
        {"dependentSchemas": {"id": {"properties": {"name": {}}}}, "additionalProperties": {"maximum": 2}},
    ]
)


@given(SCHEMAS, st.sampled_from(["2020-12", "2019-09"]), st.sampled_from([False, {"maximum": 1}]), KEYS)
def test_unevaluated_properties_agree_with_jsonschema_on_honest_patterns(schema, draft, unevaluated, value):
    schema = {
        "$schema": f"https://json-schema.org/draft/{draft}/schema",
        **schema,
        "unevaluatedProperties": unevaluated,
    }
    stock = jsonschema.validators.validator_for(schema)(schema)
    ours = validator_for_schema(schema)
    assert sorted(e.message for e in ours.iter_errors(value)) == sorted(e.message for e in stock.iter_errors(value))


def test_format_regex_is_checked_without_compiling_a_hostile_repetition():
    started = time.perf_counter()
    errors = validate_input({"type": "string", "format": "regex"}, "((a{100}){100}){100}")
    assert errors and time.perf_counter() - started < 0.1
    assert validate_input({"type": "string", "format": "regex"}, "(?=a)b") == {}  # lookahead: regex checks it


# --- One request's hostile expression does not hold the others --------------------------------------------------


@pytest.fixture
def hostile_operation(site):
    """An operation whose input schema has a hostile pattern, beside the bundled catalog of the live site."""
    from explorer.catalog.models import Connector, Operation

    connector = Connector.objects.create(name="hostile", version="1.0", service_name="hostile", service_version="1")
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": HOSTILE_PATTERN}}}
    return Operation.objects.create(connector=connector, name="check", input_schema=schema)


def test_a_hostile_pattern_in_one_request_does_not_keep_twenty_others_waiting(site: str, hostile_operation, settings):
    """The hostile request is given a long budget (5 s) so that it is still matching while 20 ordinary requests
    are sent one after another: all of them complete, and before it does (stdlib `re` would hold the GIL and them
    all behind it); then it answers with its message. Order and completion are asserted, not times."""
    settings.SCHEMA_PATTERN_BUDGET = 5.0
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    token = _csrf_token(opener, site)
    finished: list[str] = []
    lock = threading.Lock()
    started = threading.Event()

    def hostile() -> None:
        data = {
            "connector": "hostile",
            "version": "1.0",
            "operation": "check",
            "_prefix": "in",
            "in.code": HOSTILE_VALUE * 3,
            "csrfmiddlewaretoken": token,
        }
        started.set()
        body = _post(opener, f"{site}/form/validate", data)
        with lock:
            finished.append("hostile:" + ("took too long" if "took too long" in body else "other"))

    worker = threading.Thread(target=hostile, daemon=True)
    worker.start()
    started.wait(10)
    time.sleep(0.3)  # the hostile request is matching by now
    ordinary = []
    for index in range(20):
        ordinary.append(_get(opener, f"{site}/form/preview/text-helpers/3.0/upper_case/"))
        with lock:
            finished.append(f"ordinary:{index}")
    worker.join(timeout=60)
    assert ordinary == [200] * 20
    assert finished == [*(f"ordinary:{index}" for index in range(20)), "hostile:took too long"]


def _csrf_token(opener: urllib.request.OpenerDirector, base: str) -> str:
    html = opener.open(f"{base}/form/preview/text-helpers/3.0/upper_case/", timeout=30).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _post(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str]) -> str:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers={"HX-Request": "true"})
    return opener.open(request, timeout=60).read().decode()


def _get(opener: urllib.request.OpenerDirector, url: str) -> int:
    with opener.open(url, timeout=60) as response:
        response.read()
        return response.status
