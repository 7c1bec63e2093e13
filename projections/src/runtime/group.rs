//! Projection groups: the projections one feed reader serves. Each batch is read once,
//! corrected once, and applied to every member in one transaction together with all the
//! members' checkpoints (one commit per batch, however many projections). Each member keeps
//! its own checkpoint row, parked set and published position, so rebuilds, status, lag and
//! read-your-writes stay per projection. A projection joins the group its
//! [`Projection::group`] names (default [`LIVE`]); a slow one declares a group of its own so
//! it never delays the rows sync depends on. This module builds groups and hands out their
//! handles; it must never run a batch itself (that is [`super::runner`]).

use std::sync::Arc;
use std::time::Duration;

use lifeos_events::correct::Corrections;
use sqlx::PgPool;
use tokio::sync::watch;
use tracing::Instrument;

use super::handle::GroupControl;
use super::member::Member;
use super::{Projection, ProjectorHandle};
use crate::feed::Position;

/// The group every projection is in unless it says otherwise.
pub const LIVE: &str = "live";

/// A group being assembled; [`ProjectionGroup::spawn`] starts its one task.
pub struct ProjectionGroup {
    pub(super) name: String,
    pub(super) pool: PgPool,
    pub(super) members: Vec<Slot>,
    pub(super) batch_size: i64,
    pub(super) poll_interval: Duration,
    pub(super) corrections: Corrections,
    pub(super) stop: watch::Receiver<bool>,
    pub(super) done: watch::Sender<bool>,
    control: Arc<GroupControl>,
}

/// A member and where its published position is sent.
pub(super) struct Slot {
    pub(super) member: Member,
    pub(super) position: watch::Sender<Position>,
}

impl ProjectionGroup {
    pub fn new(pool: PgPool, name: impl Into<String>) -> Self {
        let (stop_tx, stop) = watch::channel(false);
        let (done, done_rx) = watch::channel(false);
        Self {
            name: name.into(),
            pool,
            members: Vec::new(),
            batch_size: 1000,
            poll_interval: Duration::from_millis(500),
            corrections: Corrections::builtin(),
            stop,
            done,
            control: Arc::new(GroupControl { stop: stop_tx, done: done_rx }),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds a projection (applied in the order added); its handle works as soon as the group
    /// is spawned. A second projection of the same name is not added: the first one's handle
    /// is returned.
    pub fn add(&mut self, projection: impl Projection) -> ProjectorHandle {
        let member = Member::new(projection);
        let name = member.name().to_owned();
        if let Some(slot) = self.members.iter().find(|s| s.member.name() == name) {
            tracing::error!(projection = %name, group = %self.name, "projection registered twice; keeping the first");
            return self.handle(slot);
        }
        let (position, _) = watch::channel(Position::default());
        self.members.push(Slot { member, position });
        let slot = &self.members[self.members.len() - 1];
        self.handle(slot)
    }

    fn handle(&self, slot: &Slot) -> ProjectorHandle {
        ProjectorHandle {
            name: slot.member.name().to_owned(),
            position: slot.position.subscribe(),
            group: self.control.clone(),
            pool: self.pool.clone(),
        }
    }

    /// The corrections applied to stored payloads before the members see them.
    pub fn corrections(mut self, corrections: Corrections) -> Self {
        self.corrections = corrections;
        self
    }

    pub fn batch_size(mut self, size: i64) -> Self {
        self.batch_size = size.max(1);
        self
    }

    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Starts the group's task on the current runtime.
    pub fn spawn(self) -> GroupHandle {
        let members = self.members.iter().map(|slot| self.handle(slot)).collect();
        let (name, control) = (self.name.clone(), self.control.clone());
        let span = tracing::info_span!("projection_group", group = %name);
        tokio::spawn(self.run().instrument(span));
        GroupHandle { name, members, control }
    }
}

/// A running group: its members' handles, and a way to stop it.
pub struct GroupHandle {
    name: String,
    members: Vec<ProjectorHandle>,
    control: Arc<GroupControl>,
}

impl GroupHandle {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn members(&self) -> &[ProjectorHandle] {
        &self.members
    }

    pub fn member(&self, name: &str) -> Option<&ProjectorHandle> {
        self.members.iter().find(|m| m.name() == name)
    }

    /// Lets the group finish its current batch, then stops it.
    pub async fn shutdown(self) {
        self.control.shutdown().await;
    }
}
