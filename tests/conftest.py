"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# No per-example deadline: the machine is shared and slow examples are not failures. In CI, the same examples
# every run (a property that fails there fails everywhere, and locally hypothesis keeps exploring).
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the bundled catalog, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("import_catalog", verbosity=0)
