"""Small deterministic demo datasets behind the sandbox's Salesforce and Trello connectors."""
