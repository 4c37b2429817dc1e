"""Django's session middleware, except that a database too busy to save the session never turns a page into a 500.

The session is saved after the view has answered; when the database is locked (SQLite) or unavailable at that
moment, the page is served all the same and the change to the session is lost (logged). This matters for the run
view: a new visitor's owner key is stored then, and a run whose history could not be written must still answer
with the reason, not an error page.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        try:
            return super().process_response(request, response)
        except DatabaseError:
            logger.warning("The session could not be saved: the database is busy or unavailable.", exc_info=True)
            return response
