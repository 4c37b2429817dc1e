"""Code generated from an operation and its input: what a user takes out of the explorer.

snippets        the call as GraphQL, curl, Python, JavaScript and the REST /call
"""
