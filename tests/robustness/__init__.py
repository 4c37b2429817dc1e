"""Hostile input: what a user, an output, a schema, a link or an endpoint may send, and what each gets."""
