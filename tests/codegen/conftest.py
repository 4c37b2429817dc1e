"""Fixtures for the typed-model tests: the TypeScript compiler (npm's `typescript`, found through `tsc` on PATH),
a long-lived type checker driven over stdin, a Python module made from generated text, and the sandbox.

Without Node or tsc the tests that need them fail when CI is set (.ci/run installs them) and are skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.sandbox.conftest import Sandbox

CHECKER = Path(__file__).with_name("ts_check.js")


def typescript_package() -> Path | None:
    """npm's typescript package behind the `tsc` on PATH (…/node_modules/typescript/bin/tsc)."""
    tsc, node = shutil.which("tsc"), shutil.which("node")
    if not tsc or not node:
        return None
    package = Path(tsc).resolve().parent.parent
    return package if (package / "package.json").exists() else None


def need_typescript() -> Path:
    package = typescript_package()
    if package is None:
        message = "Node and tsc are missing: npm install -g typescript (see .ci/run for the version)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return package


@pytest.fixture(scope="session")
def tsc() -> str:
    need_typescript()
    return str(shutil.which("tsc"))


@pytest.fixture(scope="session")
def ts_check() -> Iterator[Callable[[str], dict[str, Any]]]:
    """check(source) → {"diagnostics": [...], "members": {type name: [property names]}} from a strict check."""
    package = need_typescript()
    env = {**os.environ, "TYPESCRIPT_MODULE": str(package)}
    process = subprocess.Popen(
        ["node", str(CHECKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, encoding="utf-8"
    )

    def check(source: str) -> dict[str, Any]:
        assert process.stdin and process.stdout
        process.stdin.write(json.dumps({"source": source}) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield check
    process.stdin.close()  # type: ignore[union-attr]
    process.wait(timeout=30)


def load_module(text: str, name: str) -> types.ModuleType:
    """Generated text imported as a module, under a new name each time. It stays in sys.modules: pydantic resolves
    a TypedDict's forward references there when it first validates, after the import."""
    _loaded.append(name)
    module = types.ModuleType(f"generated_{name}_{len(_loaded)}")
    sys.modules[module.__name__] = module
    # dont_inherit: this file's own `from __future__ import annotations` must not leak into the generated code.
    exec(compile(text, f"{module.__name__}.py", "exec", dont_inherit=True), module.__dict__)  # the code under test
    return module


_loaded: list[str] = []


@pytest.fixture
def sandbox(client: Client) -> Sandbox:
    return Sandbox(client, settings.SANDBOX_TOKEN)
