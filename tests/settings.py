"""Settings for the test suite: the production settings, with a fixed key and a throwaway database."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("EXPLORER_VAR_DIR", tempfile.mkdtemp(prefix="explorer-tests-"))
# Tests talk to the sandbox over HTTP on 127.0.0.1 (Django's client, the live server, snippets run with curl), and
# inject faults: the sandbox is public to them. tests/robustness/test_hostile_sandbox.py covers the private one.
os.environ.setdefault("SANDBOX", "public")
os.environ.setdefault("SANDBOX_FAULTS", "1")

from explorer.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A file, not SQLite's in-memory database: the live server answers requests on several threads at once (htmx
# loads lookups in parallel) and an in-memory test database is one connection shared by all of them. Any other
# database (PostgreSQL: `make test-postgres`) gets Django's own test database beside the one DATABASE_URL names.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
