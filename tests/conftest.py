"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the bundled catalog, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("import_catalog", verbosity=0)
