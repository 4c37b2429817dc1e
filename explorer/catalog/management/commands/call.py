"""`python manage.py call CONNECTOR VERSION OPERATION [--input JSON | @file | -] [--auth-id ID] [--endpoint KEY]`

Prints the decoded output as JSON on stdout; errors go to stderr. Exit codes: 0 success, 1 usage error,
2 third_party_error (the output is still printed), 3 tray_error, 4 transport_error, 5 unknown.
The token comes from TRAY_TOKEN (the sandbox's demo token when the endpoint is the sandbox and it is unset).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from explorer import jsonlimits
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import Endpoint, default_endpoint, get_endpoint
from explorer.tray.results import Outcome

USAGE_ERROR = 1


class Command(BaseCommand):
    help = "Run one connector operation through callConnector and print its decoded output as JSON."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def usage_error(message: str) -> NoReturn:  # argparse would exit 2, which here means third_party_error
            parser.print_usage(sys.stderr)
            self._fail(f"error: {message}")

        parser.error = usage_error  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("connector")
        parser.add_argument("version")
        parser.add_argument("operation")
        parser.add_argument("--input", default="{}", help="the input as JSON, @file to read a file, - for stdin")
        parser.add_argument("--auth-id", default="", help="the authId (helper connectors need none)")
        parser.add_argument("--endpoint", choices=wire.ENDPOINT_KEYS, help="default: TRAY_ENDPOINT")
        parser.add_argument("--fault", default="", help="the sandbox only: an X-Sandbox-Fault value")

    def handle(self, *args: Any, **options: Any) -> None:
        endpoint = get_endpoint(options["endpoint"]) if options["endpoint"] else default_endpoint()
        call = wire.connector_call_input(
            connector=options["connector"],
            version=options["version"],
            operation=options["operation"],
            payload=self._payload(options["input"]),
            auth_id=options["auth_id"] or None,
        )
        result = TrayClient(endpoint).call_connector(call, token=self._token(endpoint), fault=options["fault"] or None)
        if result.outcome in (Outcome.SUCCESS, Outcome.THIRD_PARTY_ERROR):
            self.stdout.write(json.dumps(result.output, indent=2, ensure_ascii=False))
        if not result.ok:
            self.stderr.write(f"{result.outcome}: {result.message}")
        if result.exit_code:
            sys.exit(result.exit_code)

    def _payload(self, value: str) -> Any:
        try:
            if value == "-":
                text = sys.stdin.read()
            elif value.startswith("@"):
                text = Path(value[1:]).read_text(encoding="utf-8")
            else:
                text = value
        except OSError as error:
            self._fail(f"error: cannot read the input file: {error.strerror}: {value[1:]}")
        try:
            return jsonlimits.loads(text)
        except json.JSONDecodeError as error:  # jsonlimits' refusals too: their msg names the limit
            self._fail(f"error: the input is not JSON: {error.msg} at line {error.lineno}, column {error.colno}")

    def _token(self, endpoint: Endpoint) -> str:
        token = os.environ.get("TRAY_TOKEN", "")
        if not token and endpoint.is_sandbox:
            return settings.SANDBOX_TOKEN
        if not token:
            self._fail(f"error: set TRAY_TOKEN to a token for {endpoint.label}.")
        return token

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(USAGE_ERROR)
