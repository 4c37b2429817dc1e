"""Code generated from an operation and its input: what a user takes out of the explorer.

snippets          the call as GraphQL, curl, Python, JavaScript and the REST /call, and as a workflow step
workflow_steps    Tray's type-wrapped workflow steps, both ways: export an input, import a pasted step
schema_places     which subschemas describe one place of a value (types, declared keys), for the generators
contract_tests    a pytest file that pins a successful run's output: its schema and chosen values
models            typed models of the input or output: models_for(operation, lang=..., side=..., schema=None)
model_schema      an untrusted Tray schema made plain and bounded for the model generators
typescript        TypeScript declarations, from our own emitter
python_models     pydantic v2 models and TypedDicts, by datamodel-code-generator
"""
