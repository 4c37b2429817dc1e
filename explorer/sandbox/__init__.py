"""The built-in sandbox: the server side of Tray's protocol, served at /sandbox/graphql and /sandbox/core/v1/….

It shares the catalog and the wire format (explorer.tray.wire) with the client and nothing else.
"""
