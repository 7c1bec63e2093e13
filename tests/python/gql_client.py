"""Python `gql` (the off-the-shelf client, with its aiohttp and websockets transports) against
a LifeOS test server: the schema fetched by introspection at the server's default limits and
every document validated against it locally, a mutation and a query over HTTP, and the
`changes` subscription over `graphql-transport-ws` carrying the created note.

Usage: LIFEOS_URL=http://127.0.0.1:8787 LIFEOS_TOKEN=... python gql_client.py
Prints `ok: <step>` per step; exits non-zero on the first failure.
"""

import asyncio
import os
import sys

from gql import Client, gql
from gql.transport.aiohttp import AIOHTTPTransport
from gql.transport.websockets import WebsocketsTransport

CREATE = gql("mutation($t: String!) { createNote(input: {title: $t}) { id version title } }")
READ = gql("query($id: ID!) { note(id: $id) { id title } node(id: $id) { id ... on Note { version } } }")
CHANGES = gql("subscription($after: String) { changes(after: $after) { cursor entityType entityId op version } }")


async def main() -> int:
    base = os.environ.get("LIFEOS_URL", "").rstrip("/")
    token = os.environ.get("LIFEOS_TOKEN", "")
    if not base or not token:
        print("usage: LIFEOS_URL=... LIFEOS_TOKEN=... python gql_client.py", file=sys.stderr)
        return 2
    timeout = float(os.environ.get("LIFEOS_TIMEOUT_S", "20"))
    auth = f"Bearer {token}"

    http = AIOHTTPTransport(url=f"{base}/graphql", headers={"Authorization": auth})
    async with Client(transport=http, fetch_schema_from_transport=True, execute_timeout=timeout) as session:
        schema = session.client.schema
        if schema is None or schema.query_type is None or schema.query_type.name != "Query":
            raise SystemExit(f"schema not fetched by introspection: {schema}")
        print("ok: schema fetched by introspection (root Query)")
        created = (await session.execute(CREATE, variable_values={"t": "from python gql"}))["createNote"]
        print(f"ok: mutation created {created['id']}")
        read = await session.execute(READ, variable_values={"id": created["id"]})
        if read["note"]["title"] != "from python gql" or read["node"]["id"] != created["id"]:
            raise SystemExit(f"query read back {read}")
        print("ok: query read it back")

    ws_url = ("ws" + base[len("http"):]) + "/graphql/ws"
    ws = WebsocketsTransport(
        url=ws_url,
        init_payload={"authorization": auth},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )
    async with Client(transport=ws, fetch_schema_from_transport=False) as session:

        async def first_change_of(entity_id: str) -> dict:
            async for result in session.subscribe(CHANGES, variable_values={"after": None}):
                if result["changes"]["entityId"] == entity_id:
                    return result["changes"]
            raise SystemExit("subscription ended before the change arrived")

        change = await asyncio.wait_for(first_change_of(created["id"]), timeout)
        print(f"ok: subscription delivered {change['entityType']} {change['entityId']} op {change['op']}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
