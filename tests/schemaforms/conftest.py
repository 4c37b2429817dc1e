"""The browser fixtures of tests/browser (Debian's Chromium, a live server with the catalog, CSP watch), reused."""

from __future__ import annotations

from tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    console_errors,
    site,
)
