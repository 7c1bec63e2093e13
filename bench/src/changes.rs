//! The GraphQL operations the `lag` and `sync` scenarios share: who the client is, creating a
//! note, and pulling the `changes` feed page by page, as a sync client would (every field of
//! each entry, the whole response parsed). Never reads the database behind the server.

use serde_json::{json, Value};

use crate::commands::Client;

const CREATE_NOTE: &str = "mutation($t: String!) { createNote(input: {title: $t}) { id version } }";
const CHANGES: &str = "query($a: String, $l: Int!) { changes(after: $a, limit: $l) {
    entries { cursor entityType entityId op version updatedAt data } cursor hasMore } }";
/// The most entries a page may hold.
pub const PAGE_MAX: usize = 1000;

/// The client's current workspace id and user id.
pub async fn whoami(client: &Client) -> anyhow::Result<(String, String)> {
    let body = client.run("{ workspace { id } me { id } }", json!({})).await?;
    let text = |v: &Value| v.as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("whoami: {body}"));
    Ok((text(&body["data"]["workspace"]["id"])?, text(&body["data"]["me"]["id"])?))
}

/// Creates a note; its id.
pub async fn create_note(client: &Client, title: &str) -> anyhow::Result<String> {
    let body = client.run(CREATE_NOTE, json!({"t": title})).await?;
    body["data"]["createNote"]["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("createNote: {body}"))
}

/// One page of the feed.
pub struct Page {
    pub entity_ids: Vec<String>,
    pub cursor: String,
    pub has_more: bool,
}

/// The page after `after` (`None`: from the start), at most `limit` entries.
pub async fn pull(client: &Client, after: Option<&str>, limit: usize) -> anyhow::Result<Page> {
    let body = client.run(CHANGES, json!({"a": after, "l": limit})).await?;
    let page = &body["data"]["changes"];
    let entries = page["entries"].as_array().ok_or_else(|| anyhow::anyhow!("changes: {body}"))?;
    Ok(Page {
        entity_ids: entries.iter().filter_map(|e| e["entityId"].as_str().map(str::to_owned)).collect(),
        cursor: page["cursor"].as_str().ok_or_else(|| anyhow::anyhow!("changes without a cursor: {body}"))?.to_owned(),
        has_more: page["hasMore"].as_bool().unwrap_or(false),
    })
}

/// Pulls from `after` until caught up: the entries read and the last cursor.
pub async fn pull_all(client: &Client, after: Option<&str>) -> anyhow::Result<(usize, String)> {
    let mut page = pull(client, after, PAGE_MAX).await?;
    let mut read = page.entity_ids.len();
    while page.has_more {
        page = pull(client, Some(&page.cursor), PAGE_MAX).await?;
        read += page.entity_ids.len();
    }
    Ok((read, page.cursor))
}
