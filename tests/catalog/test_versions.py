from hypothesis import given
from hypothesis import strategies as st

from explorer.catalog.versions import version_sort_key


def test_minor_versions_sort_numerically():
    versions = ["9.9", "10.0", "9.10", "1.0", "9.1"]
    assert sorted(versions, key=version_sort_key) == ["1.0", "9.1", "9.9", "9.10", "10.0"]


@given(st.tuples(st.integers(0, 9999), st.integers(0, 9999)), st.tuples(st.integers(0, 9999), st.integers(0, 9999)))
def test_sort_key_orders_like_the_numbers(a, b):
    key_a, key_b = version_sort_key(f"{a[0]}.{a[1]}"), version_sort_key(f"{b[0]}.{b[1]}")
    assert (key_a < key_b) == (a < b)
