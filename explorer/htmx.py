"""The request type every view takes: Django's request with django-htmx's `request.htmx`.

A neutral module, so that the apps (runs, connection, schemaforms, workspace) and the catalog's pages share it
without importing each other's views.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
