"""The sample requests of Tray's callConnector documentation (../shared/tray-reference/call-connector-docs.txt).

Copied unchanged but for the authId, and for the page's `\\\\"` inside string literals, which is a rendering
artifact of the docs: GraphQL needs `\\"` there.
"""

DOCS_AUTH_ID = "########-####-####-####-############"

GET_ALL_LEADS = r"""mutation {
    callConnector(input: {
        connector: "salesforce",
        version: "8.1",
        operation: "get_records",
        authId: "########-####-####-####-############",
        input: "{\"limit\":10,\"conditions_type\":\"Match all conditions\",\"fields\":[\"Id\",\"Name\"],\"object\":\"Lead\"}"
        })
    {
        output
    }
}""".replace("})\n    {", "}) \n    {")  # the page has a trailing space there

TWO_ALIASES = r"""mutation callSalesforce {
    listAllLeads: callConnector(input: {
        connector: "salesforce",
        version: "4.0",
        operation: "find_records",
        authId: "########-####-####-####-############",
        input: "{\"limit\":10,\"conditions_type\":\"Match all conditions\",\"fields\":[\"Id\",\"Name\"],\"object\":\"Lead\"}"
        }) {
        output
    },
    listWarmLeads: callConnector(input: {
        connector: "salesforce",
        version: "4.0",
        operation: "find_records",
        authId: "########-####-####-####-############",
        input: "{\"conditions_type\":\"Match all conditions\",\"fields\":[\"Id\",\"Name\"],\"conditions\":[{\"field\":\"Rating\",\"operator\":\"Equal to\",\"value\":\"Warm\"}],\"object\":\"Lead\"}"
        }) {
        output
    }
}"""

# The curl example's -d body, exactly as printed (the shell's single quotes keep it verbatim).
CURL_BODY = r"""{
    "query": "mutation listLeads(\n  $connector: String!, \n  $version: String!, \n  $operation: String!, \n  $authId: String, \n){ listAllLeads: callConnector(input: {\n    connector: $connector,\n    version: $version,\n    operation: $operation,\n    authId: $authId,\n    input: \"{\\\"limit\\\":10,\\\"conditions_type\\\":\\\"Match all conditions\\\",\\\"fields\\\":[\\\"Id\\\",\\\"Name\\\"],\\\"object\\\":\\\"Lead\\\"}\"\n  }) {\n    output\n  }\n}",
    "variables": {
      "connector": "salesforce",
      "version": "8.7",
      "operation": "find_records",
      "authId": "062af7e2-b5xxx-xxx-xxx-xxx-xxxxx46d912"
    }
  }"""
CURL_AUTH_ID = "062af7e2-b5xxx-xxx-xxx-xxx-xxxxx46d912"

DOCS_LEADS = [
    "Mike Braund",
    "Bertha Boxer",
    "Phyllis Cotton",
    "Jeff Glimpse",
    "Patricia Feager",
    "Tom James",
    "Brenda Mcclure",
    "Violet Maccleod",
    "Kathy Snyder",
    "Shelly Brownell",
]
