"""Code generated from an operation and its input: what a user takes out of the explorer.

snippets          the call as GraphQL, curl, Python, JavaScript and the REST /call, and as a workflow step
workflow_steps    Tray's type-wrapped workflow steps, both ways: export an input, import a pasted step
schema_places     which subschemas describe one place of a value (types, declared keys), for the generators
contract_tests    a pytest file that pins a successful run's output: its schema and chosen values
"""
