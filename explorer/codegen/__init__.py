"""Code generated from an operation and its input: what a user takes out of the explorer.

snippets        the call as GraphQL, curl, Python, JavaScript and the REST /call
models          typed models of the input or output: models_for(operation, lang=..., side=..., schema=None)
model_schema    an untrusted Tray schema made plain and bounded for the model generators
typescript      TypeScript declarations, from our own emitter
python_models   pydantic v2 models and TypedDicts, by datamodel-code-generator
"""
