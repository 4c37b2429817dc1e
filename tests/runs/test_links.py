"""Input permalinks: compact, exact, safe against garbage and zip bombs; long inputs are linked by id."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.runs.links import (
    DECOMPRESSED_MAX_BYTES,
    INLINE_MAX_CHARS,
    InputLinkError,
    decode_input,
    encode_input,
    link_for,
)
from explorer.runs.models import InputLink
from tests.runs.conftest import OPERATION

json_inputs = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=15,
)


@settings(max_examples=80, deadline=None)
@given(payload=json_inputs)
def test_encoded_input_decodes_to_the_same_json(payload):
    encoded = encode_input(payload)
    assert set(encoded) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert json.dumps(decode_input(encoded)) == json.dumps(payload)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_is_refused_with_a_clear_error_or_read_as_plain_json(text):
    try:
        value = decode_input(text)
    except InputLinkError as exc:
        assert str(exc).startswith("The input in the link")
        return
    json.dumps(value)  # anything that does decode is plain JSON


@pytest.mark.parametrize("text", ["", "not base64 !!", "AAAA", "eJw", "x" * 70_000])
def test_known_garbage_is_refused(text):
    with pytest.raises(InputLinkError):
        decode_input(text)


def test_zip_bomb_is_refused_without_inflating_it_all():
    bomb = zlib.compress(b'"' + b"a" * (DECOMPRESSED_MAX_BYTES * 20) + b'"', level=9)
    text = base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(text) < 64 * 1024
    with pytest.raises(InputLinkError, match="too large"):
        decode_input(text)


@pytest.mark.django_db
def test_short_input_goes_inline_in_the_operation_url():
    url = link_for(OPERATION, {"text": "Hello"})
    assert url.startswith("/connectors/text-helpers/3.0/lower_case/?input=")
    assert decode_input(url.split("?input=")[1]) == {"text": "Hello"}


@pytest.mark.django_db
def test_long_input_is_saved_and_linked_by_a_random_id_reused_for_the_same_input():
    payload = {"text": "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))}
    assert len(encode_input(payload)) >= INLINE_MAX_CHARS
    url = link_for(OPERATION, payload)
    key = url.split("?link=")[1]
    assert len(key) >= 16
    assert InputLink.objects.get(key=key).input == payload
    assert link_for(OPERATION, payload) == url
    assert InputLink.objects.count() == 1
