"""Settings come from the environment with safe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "SECURE_SSL",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SANDBOX",
            "SANDBOX_FAULTS",
        }
    }
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_is_clean_in_production_configuration(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 60 + "-Zq9!x",
        ALLOWED_HOSTS="explorer.example.com",
        EXPLORER_BASE_URL="https://explorer.example.com",
        SECURE_SSL="1",
        EXPLORER_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_app_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = manage("check", DEBUG="0", EXPLORER_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_local_debug_run_generates_and_keeps_a_secret_key(tmp_path):
    assert manage("check", DEBUG="1", EXPLORER_VAR_DIR=str(tmp_path)).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 50
    assert manage("check", DEBUG="1", EXPLORER_VAR_DIR=str(tmp_path)).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_a_sandbox_address_django_would_refuse_is_reported(tmp_path):
    result = manage("check", DEBUG="1", ALLOWED_HOSTS="explorer.example.com", EXPLORER_VAR_DIR=str(tmp_path))
    assert "explorer.W001" in result.stderr


def test_an_unknown_default_endpoint_is_reported(tmp_path):
    result = manage("check", DEBUG="1", TRAY_ENDPOINT="mars", EXPLORER_VAR_DIR=str(tmp_path))
    assert "explorer.W002" in result.stderr
