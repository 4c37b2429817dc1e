"""The operation page as a workspace: build an input (schema form or JSON), run it, read the result, with the
secondary views (docs, schemas, lookups, code, types, history, saved inputs) in tabs loaded when opened.

views.py          the page, the run and the input editor's interactions, one small view each
tab_views.py      one view per tab; tabs.py says what each tab shows
operation_input   the posted workspace back into one JSON value, whichever editor was open
result_panel      what the result panel shows after a run
schema_tree       a schema as a readable tree (the schema tabs, and the MCP server's descriptions)
ddl_lookup        lookup (DDL) fields filled through the current connection (settings.SCHEMAFORMS_LOOKUP)
dynamic_schema    the dynamic output schema fetched for an input, kept in the session
typed_models      the Types tab (typed models of the input and output)
imports           the Import step page, which opens a workflow step here
"""
