"""Where a browser session's connection lives: a table of its own, beside the session, never inside it."""

from __future__ import annotations

from django.db import models


class ConnectionState(models.Model):
    """One session's connection: endpoint, sealed tokens, sandbox fault, chosen authIds, cached account lists.

    Why not in the session: Django's database sessions write the whole session back at the end of any request
    that changed any of it, so a request that began before "Forget" (a slow authentications listing, say) wrote the
    token back when it ended. Here every change is a compare-and-set on `generation`, re-read and re-applied when
    another request changed the row meanwhile, so no request writes back a state it read earlier; and what was
    learnt with a token (authentications, users) is kept only while that token is still the current one (each
    token gets a `token_id`). "Forget" therefore wins over any request in flight. Tokens inside `state` are sealed
    (explorer.connection.encryption). The row is deleted with its session (cleared, expired or flushed).
    """

    session = models.OneToOneField("sessions.Session", on_delete=models.CASCADE, primary_key=True, related_name="+")
    state = models.JSONField(default=dict)
    generation = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"connection of a session (generation {self.generation})"  # never the key or a token
