//! Group commit of GraphQL entity commands: a per-process write combiner. Commands hand their
//! decided batch to a queue; a few commit lanes (tasks) each take whatever is queued when
//! they become free — up to a bound — and append it as one group (`group_write.rs`: one
//! INSERT for all claims, one for all events, one commit), then answer each command with its
//! own outcome and feed position. No timer: a command that finds a lane idle commits at once,
//! alone, exactly as without grouping; those arriving while every lane is busy form the next
//! groups. A command is answered only after its group committed, so an acknowledged command
//! survives kill -9.
//!
//! Must never merge outcomes: a batch that loses a race gets `Conflict` alone and goes back
//! through its command's retry loop. Sync pushes and workspace commands do not come here.

use std::sync::Arc;

use lifeos_projections::feed::Position;
use sqlx::PgPool;
use tokio::sync::{mpsc, oneshot, Mutex};
use tracing::Instrument;

use super::group_write::{commit_many, Outcome};
use super::staging::{Batch, CommitError, Staging};

/// Default most commands in one group.
pub const DEFAULT_MAX_COMMANDS: usize = 64;
/// Default number of groups committing at once (one slow fsync does not hold up the next).
pub const DEFAULT_LANES: usize = 2;

/// How commands are grouped (`LIFEOS_GROUP_COMMIT_MAX`, `LIFEOS_GROUP_COMMIT_LANES`).
#[derive(Debug, Clone, Copy)]
pub struct GroupCommitConfig {
    /// Most commands in one group (1: every command commits alone).
    pub max_commands: usize,
    /// Groups committing at once, each on its own connection.
    pub lanes: usize,
}

impl Default for GroupCommitConfig {
    fn default() -> Self {
        Self { max_commands: DEFAULT_MAX_COMMANDS, lanes: DEFAULT_LANES }
    }
}

/// A command's batch waiting for its group, and where its outcome goes.
struct Job {
    batch: Batch,
    answer: oneshot::Sender<Outcome>,
}

type Queue = Arc<Mutex<mpsc::UnboundedReceiver<Job>>>;

/// The combiner; its lanes stop when it is dropped.
pub struct GroupCommit {
    queue: mpsc::UnboundedSender<Job>,
}

impl GroupCommit {
    /// Starts the lanes (on the current tokio runtime).
    pub fn start(pool: PgPool, config: GroupCommitConfig) -> Self {
        let (queue, jobs) = mpsc::unbounded_channel();
        let jobs: Queue = Arc::new(Mutex::new(jobs));
        for lane in 0..config.lanes.max(1) {
            tokio::spawn(run_lane(pool.clone(), jobs.clone(), config.max_commands.max(1), lane));
        }
        Self { queue }
    }

    /// Commits the staged batch with whatever commands it is grouped with; returns the feed
    /// position of its last event (`None` if it wrote nothing).
    pub async fn commit(&self, staging: Staging) -> Result<Option<Position>, CommitError> {
        let batch = staging.into_batch()?;
        if batch.is_empty() {
            return Ok(None);
        }
        let (answer, outcome) = oneshot::channel();
        self.queue.send(Job { batch, answer }).map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }
}

/// The lanes are gone (the process is shutting down): the batch was not committed by them.
fn stopped() -> CommitError {
    CommitError::Database(sqlx::Error::WorkerCrashed)
}

/// Commits `stagings` as ONE group, as a lane would; one outcome per staging, in order.
/// (What a lane does with the batches it took; public so tests can form a group by hand.)
pub async fn commit_group(pool: &PgPool, stagings: Vec<Staging>) -> Vec<Outcome> {
    let batches: Vec<Result<Batch, CommitError>> = stagings.into_iter().map(Staging::into_batch).collect();
    let ready: Vec<&Batch> = batches.iter().filter_map(|b| b.as_ref().ok()).collect();
    let mut committed = commit_many(pool, &ready).await.into_iter();
    batches.into_iter().map(|b| b.and_then(|_| committed.next().unwrap_or(Err(CommitError::Conflict)))).collect()
}

async fn run_lane(pool: PgPool, jobs: Queue, max_commands: usize, lane: usize) {
    while let Some(group) = next_group(&jobs, max_commands).await {
        let span = tracing::info_span!("group_commit", lane, commands = group.len(), rounds = tracing::field::Empty);
        let batches: Vec<&Batch> = group.iter().map(|j| &j.batch).collect();
        let outcomes = match batches.as_slice() {
            [one] => vec![one.commit_alone(&pool).instrument(span).await],
            _ => commit_many(&pool, &batches).instrument(span).await,
        };
        for (job, outcome) in group.into_iter().zip(outcomes) {
            // A command whose request went away is committed all the same; nobody to tell.
            let _ = job.answer.send(outcome);
        }
    }
}

/// Waits for the next command, then takes every command already queued behind it (up to
/// `max`). `None` once the combiner is dropped and the queue is empty.
async fn next_group(jobs: &Queue, max: usize) -> Option<Vec<Job>> {
    let mut jobs = jobs.lock().await;
    let first = jobs.recv().await?;
    let mut group = vec![first];
    while group.len() < max {
        match jobs.try_recv() {
            Ok(job) => group.push(job),
            Err(_) => break,
        }
    }
    Some(group)
}
