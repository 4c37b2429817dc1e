"""Fixtures shared by the whole suite, the browser tests' included.

Browser tests: Playwright in headless Chromium against a live server, Debian's Chromium at /usr/bin/chromium, never
a download. When CI is set and Chromium is missing they fail; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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


# Playwright's sync API runs an event loop in this thread; the live server's database calls happen here too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives a page is a browser test (`pytest -m "not browser"` leaves them out)."""
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's URL, with the bundled catalog loaded (transactional tests start from an empty database)."""
    call_command("import_catalog", verbosity=0)
    return live_server.url


@pytest.fixture
def console_errors(page) -> list[str]:
    """Console errors and uncaught page errors seen so far (the autouse watch below fails the test on any)."""
    return page.console_errors_seen


@pytest.fixture(autouse=True)
def _fail_on_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that drives a page fails on any uncaught page error or console error, CSP or not.

    A test that provokes an expected error (a 4xx answer Chromium reports as "Failed to load resource") names what it
    expects with `@pytest.mark.allow_console_errors("substring", ...)`.
    """
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    errors: list[str] = []
    page.console_errors_seen = errors
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    yield
    marker = request.node.get_closest_marker("allow_console_errors")
    allowed = marker.args if marker else ()
    unexpected = [e for e in errors if not any(part in e for part in allowed)]
    assert not unexpected, f"console or page errors: {unexpected}"
