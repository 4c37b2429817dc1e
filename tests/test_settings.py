"""Settings come from the environment with safe defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py with the test runner's environment minus the settings under test (`-c …` runs Python instead)."""
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
    command = list(args) if args[0] == "-c" else ["manage.py", *args]
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
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


def by_hand(*args: str, var_dir: Path, command: tuple[str, ...] = ("manage.py",)) -> subprocess.CompletedProcess:
    """A command as a user types it after `make run`: no variables of their own (only where `var/` is)."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""), "EXPLORER_VAR_DIR": str(var_dir)}
    return subprocess.run(
        [sys.executable, *command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory) -> Path:
    """A var/ folder as `make run` leaves it: the generated key, a migrated database with the bundled catalog."""
    var_dir = tmp_path_factory.mktemp("var")
    for step in (("migrate", "--no-input", "-v", "0"), ("import_catalog",)):
        assert manage(*step, DEBUG="1", EXPLORER_VAR_DIR=str(var_dir)).returncode == 0
    assert (var_dir / "secret_key").exists()
    return var_dir


def test_check_runs_on_a_fresh_clone_with_no_environment(tmp_path):
    result = by_hand("check", var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    assert not (tmp_path / "secret_key").exists()  # only a DEBUG run makes the local key


def test_call_runs_by_hand_after_make_run_with_no_environment(after_make_run):
    result = by_hand("call", "text-helpers", "3.0", "upper_case", "--input", '{"text":"hi"}', var_dir=after_make_run)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"result": "HI"}
    assert result.stderr == ""  # no warning about static files nobody collected for a command


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("purge_history",),
        ("import_catalog",),
        ("sync_catalog", "--connector", "text-helpers", "--out", "{tmp}"),
    ],
)
def test_documented_commands_run_by_hand_after_make_run(after_make_run, tmp_path, args):
    result = by_hand(*(arg.format(tmp=tmp_path) for arg in args), var_dir=after_make_run)
    assert result.returncode == 0, result.stderr


def test_web_serving_refuses_to_start_without_secret_key_when_debug_is_off(after_make_run):
    """Even beside the local key `make run` made: a deployment needs a key of its own."""
    result = by_hand("-c", "import explorer.wsgi", var_dir=after_make_run, command=())
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_web_serving_starts_with_a_secret_key(tmp_path):
    result = manage("-c", "import explorer.wsgi", SECRET_KEY="k" * 60, EXPLORER_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_make_run_on_another_port_points_snippets_and_the_sandbox_at_that_port():
    result = subprocess.run(["make", "-n", "run", "PORT=8100"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    serve_line = next(line for line in result.stdout.splitlines() if "runserver" in line)
    assert "EXPLORER_BASE_URL=http://127.0.0.1:8100 " in serve_line
    assert serve_line.endswith("runserver 127.0.0.1:8100")


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
