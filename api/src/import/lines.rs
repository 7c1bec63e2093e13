//! Turning a parsed statement into transactions of one account: the workspace's import rules
//! (then the payee's default category) give payee and category; a line without a category
//! gets an uncategorized counter-posting. Lines are staged in chunks, each chunk one
//! transaction through the same staging, reference checks and rules as every write (the
//! account's ledger rule included), retried whole when it loses an append race — after which
//! the lines another import committed meanwhile are duplicates.
//!
//! Must never: create a line twice (its id is deterministic and checked on the write side).

use lifeos_domain::entity::EntityCommand;
use lifeos_domain::finance::account::AccountKind;
use lifeos_domain::finance::import::{Statement, StatementLine};
use lifeos_domain::finance::import_rule::{self, ImportMatch, ImportMatchField, ImportRuleFields};
use lifeos_domain::finance::transaction::TransactionKind;
use lifeos_domain::ids::natural_id;
use lifeos_domain::values::{CurrencyCode, Id};
use lifeos_events::EventMetadata;
use serde::Serialize;
use serde_json::{json, Value};

use crate::commands::preload::entities;
use crate::commands::staging::{CommitError, Staging};
use crate::commands::{entity_error, entity_stream, references, rules, MAX_ATTEMPTS};
use crate::error::ApiError;
use crate::observe::ConflictReason;
use crate::state::AppContext;

/// Lines per transaction.
pub const IMPORT_CHUNK: usize = 1_000;

/// What an import did.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub added: usize,
    pub duplicates: usize,
    pub rejected: Vec<RejectedLine>,
}

/// A line of the file that was not imported, and why.
#[derive(Debug, Serialize)]
pub struct RejectedLine {
    pub line: usize,
    pub reason: String,
}

/// The account imported into, as the write side holds it.
pub struct Account {
    pub currency: CurrencyCode,
}

pub struct Importer<'a> {
    pub app: &'a AppContext,
    pub workspace_id: &'a str,
    pub account_id: &'a str,
    pub meta: EventMetadata,
}

/// An import rule row: pattern, field, match type, account, payee, category.
type RuleRow = (String, String, String, Option<String>, Option<String>, Option<String>);

/// A line ready to stage: its id and fields.
struct Planned {
    line: usize,
    id: String,
    fields: serde_json::Map<String, Value>,
}

impl Importer<'_> {
    /// The account, from the write side (`VALIDATION` on `accountId` if there is none).
    pub async fn account(&self) -> Result<Account, ApiError> {
        let mut staging = Staging::default();
        let stream = entity_stream(self.workspace_id, self.account_id);
        let entity = staging.entity::<AccountKind>(&self.app.commands.loaders, &stream).await?;
        if !entity.exists() || entity.deleted_at.is_some() {
            return Err(ApiError::validation("accountId", "no such Account in this workspace"));
        }
        let fields = entity.typed().map_err(|e| ApiError::internal("stored account does not parse", e.message))?;
        Ok(Account { currency: fields.currency_code })
    }

    pub async fn import(&self, source: &str, statement: Statement, account: &Account) -> Result<Imported, ApiError> {
        let rules = self.rules().await?;
        let mut imported = Imported { rejected: statement.rejected.into_iter().map(|r| RejectedLine { line: r.line, reason: r.reason }).collect(), ..Default::default() };
        let mut planned = Vec::with_capacity(statement.lines.len());
        for line in &statement.lines {
            planned.push(self.plan(source, line, account, &rules).await?);
        }
        for chunk in planned.chunks(IMPORT_CHUNK) {
            self.stage_chunk(chunk, &mut imported).await?;
        }
        imported.rejected.sort_by_key(|r| r.line);
        Ok(imported)
    }

    /// The workspace's import rules, in order (read side: rules are settings, not money).
    async fn rules(&self) -> Result<Vec<ImportRuleFields>, ApiError> {
        let rows: Vec<RuleRow> = sqlx::query_as(
            "SELECT pattern, field, match_type, account_id, set_payee_id, set_category_id FROM import_rules
              WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY position, id",
        )
        .bind(self.workspace_id)
        .fetch_all(&self.app.pool)
        .await?;
        let id = |v: Option<String>| v.as_deref().and_then(Id::parse);
        Ok(rows
            .into_iter()
            .map(|(pattern, field, match_type, account, payee, category)| ImportRuleFields {
                pattern,
                field: serde_json::from_value::<ImportMatchField>(Value::String(field)).unwrap_or_default(),
                match_type: serde_json::from_value::<ImportMatch>(Value::String(match_type)).unwrap_or_default(),
                account_id: id(account),
                set_payee_id: id(payee),
                set_category_id: id(category),
                ..Default::default()
            })
            .collect())
    }

    async fn default_category(&self, payee: &Id) -> Result<Option<Id>, ApiError> {
        let category: Option<Option<String>> =
            sqlx::query_scalar("SELECT default_category_id FROM payees WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL")
                .bind(self.workspace_id)
                .bind(payee.as_str())
                .fetch_optional(&self.app.pool)
                .await?;
        Ok(category.flatten().as_deref().and_then(Id::parse))
    }

    async fn plan(&self, source: &str, line: &StatementLine, account: &Account, rules: &[ImportRuleFields]) -> Result<Planned, ApiError> {
        let amount = line.amount_minor.to_string();
        let date = line.date.format("%Y-%m-%d").to_string();
        let id = match (&line.fitid, source) {
            (Some(fitid), _) => natural_id("ImportedTransaction", self.workspace_id, &[self.account_id, "OFX", fitid]),
            (None, _) => {
                let occurrence = line.occurrence.to_string();
                natural_id("ImportedTransaction", self.workspace_id, &[self.account_id, "CSV", &date, &amount, &line.payee, &occurrence])
            }
        };
        let (payee, category) = import_rule::apply(rules, &line.payee, &line.memo, self.account_id);
        let category = match (&category, &payee) {
            (None, Some(payee)) => self.default_category(payee).await?,
            _ => category,
        };
        let currency = account.currency.code();
        let counter = match &category {
            Some(category) => json!({"categoryId": category.as_str(), "amountMinor": negate(line.amount_minor), "currencyCode": currency}),
            None => json!({"amountMinor": negate(line.amount_minor), "currencyCode": currency}),
        };
        let postings = json!([{"accountId": self.account_id, "amountMinor": line.amount_minor, "currencyCode": currency}, counter]);
        let fields = json!({
            "date": date, "payeeId": payee.as_ref().map(Id::as_str), "importedPayee": line.payee, "memo": line.memo,
            "postings": postings, "source": source, "externalId": line.fitid.clone().unwrap_or_else(|| format!("{date}/{amount}/{}", line.occurrence)),
        });
        let fields = fields.as_object().cloned().unwrap_or_default();
        Ok(Planned { line: line.line, id, fields })
    }

    /// Stages and commits one chunk, retried whole on an append race.
    async fn stage_chunk(&self, chunk: &[Planned], imported: &mut Imported) -> Result<(), ApiError> {
        let metadata = self.meta.to_json();
        let loaders = &self.app.commands.loaders;
        for _ in 0..MAX_ATTEMPTS {
            let mut staging = Staging::default();
            let ids: Vec<String> = chunk.iter().map(|p| p.id.clone()).collect();
            entities::<TransactionKind>(&mut staging, loaders, self.workspace_id, &ids).await?;
            let (mut added, mut duplicates, mut rejected) = (0, 0, Vec::new());
            for planned in chunk {
                match self.stage(&mut staging, planned, &metadata).await {
                    Ok(true) => added += 1,
                    Ok(false) => duplicates += 1,
                    Err(e) => rejected.push(RejectedLine { line: planned.line, reason: format!("{}: {}", e.code(), e.server_error().message) }),
                }
            }
            let mut tx = self.app.pool.begin().await?;
            match staging.commit(&mut tx).await {
                Ok(position) => {
                    tx.commit().await?;
                    self.app.commands.wait_for_kernel(position).await;
                    imported.added += added;
                    imported.duplicates += duplicates;
                    imported.rejected.extend(rejected);
                    return Ok(());
                }
                Err(CommitError::Conflict) => self.app.commands.conflicts.record(ConflictReason::AppendRace),
                Err(e) => return Err(e.into()),
            }
        }
        self.app.commands.conflicts.record(ConflictReason::RetriesExhausted);
        Err(ApiError::Conflict { message: "the account changed concurrently; import again (nothing is added twice)".into(), current_version: None })
    }

    /// Stages one line; false: it exists already (a duplicate).
    async fn stage(&self, staging: &mut Staging, planned: &Planned, metadata: &str) -> Result<bool, ApiError> {
        let stream = entity_stream(self.workspace_id, &planned.id);
        let loaders = &self.app.commands.loaders;
        let current = staging.entity::<TransactionKind>(loaders, &stream).await?;
        if current.exists() {
            return Ok(false);
        }
        let current = current.fields.clone();
        references::check_write::<TransactionKind>(staging, loaders, self.workspace_id, &self.meta.actor, Some(&planned.fields), &current).await?;
        let command = EntityCommand::Create {
            workspace_id: self.workspace_id.to_owned(),
            id: planned.id.clone(),
            fields: planned.fields.clone(),
            at: self.app.services.clock.now(),
        };
        let entity = staging.staged::<TransactionKind>(&stream).ok_or_else(|| ApiError::internal("staged entity vanished", &stream))?;
        let events = entity.decide(command).map_err(|e| entity_error(&e))?;
        rules::check::<TransactionKind>(staging, loaders, &stream, &events, metadata).await?;
        staging.append::<TransactionKind>(&stream, events, metadata)?;
        Ok(true)
    }
}

/// The counter-posting's amount (an i64::MIN amount cannot be negated: the line is refused by
/// its balance check, as `i64::MIN` itself was already accepted by the parser).
fn negate(amount: i64) -> Value {
    amount.checked_neg().map_or(Value::Null, Value::from)
}
