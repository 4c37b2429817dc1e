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
    # The one message: which sandbox mode is in force (private, the default with DEBUG off).
    assert "System check identified 1 issue" in result.stderr
    assert "(explorer.I001) The sandbox is private" in result.stderr


def production(tmp_path, **env: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60 + "-Zq9!x",
        "ALLOWED_HOSTS": "explorer.example.com",
        "EXPLORER_VAR_DIR": str(tmp_path),
        **env,
    }


def test_secure_ssl_with_the_default_http_base_url_fails_the_checks(tmp_path):
    result = manage("check", "--deploy", **production(tmp_path, SECURE_SSL="1"))
    assert result.returncode != 0
    assert "explorer.E001" in result.stderr


def test_a_public_sandbox_in_production_is_a_warning(tmp_path):
    env = production(tmp_path, SECURE_SSL="1", EXPLORER_BASE_URL="https://explorer.example.com", SANDBOX="public")
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "explorer.W003" in result.stderr


def test_the_sandbox_is_private_by_default_with_debug_off_and_public_with_debug_on(tmp_path):
    show = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SANDBOX)"]
    assert manage(*show, **production(tmp_path)).stdout.strip() == "private"
    assert manage(*show, DEBUG="1", EXPLORER_VAR_DIR=str(tmp_path)).stdout.strip() == "public"


def test_an_unknown_sandbox_mode_refuses_to_start(tmp_path):
    result = manage("check", **production(tmp_path, SANDBOX="open"))
    assert result.returncode != 0
    assert "SANDBOX must be public or private, not 'open'." in result.stderr


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
