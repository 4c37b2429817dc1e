"""What every in-process benchmark does first: production settings (DEBUG off) on a throwaway folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(name: str) -> Path:
    """Configure and start Django for a benchmark; returns its scratch folder (database, cache, key)."""
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="explorer.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        EXPLORER_VAR_DIR=str(work),
        # The explorer reaches its own sandbox at EXPLORER_BASE_URL (127.0.0.1:8000).
        ALLOWED_HOSTS="testserver,127.0.0.1",
    )
    import django

    django.setup()
    return work
