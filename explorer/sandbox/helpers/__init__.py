"""Tray's helper connectors, really computed: each module maps operation names to functions of the input."""
