//! The object-safe face of a [`Projection`], so one group can hold projections of different
//! types. [`Projection`] stays the authoring API (`impl Future` returns, not object safe);
//! every projection is also a [`DynProjection`] (boxed futures) by a blanket impl, and a
//! [`Member`] wraps one behind an `Arc` and is itself a [`Projection`] again, so the batch
//! logic ([`super::isolate`]) is written once, generically. Never holds state of its own
//! beyond what it caches from the projection at registration.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sqlx::PgConnection;

use super::{Projection, ProjectionError};
use crate::feed::{Position, StoredEvent};
use crate::repair;

/// A boxed projection future.
pub type BoxedApply<'a> = Pin<Box<dyn Future<Output = Result<(), ProjectionError>> + Send + 'a>>;

/// [`Projection`] with boxed futures (object safe). Implemented for every projection.
pub trait DynProjection: Send + Sync + 'static {
    fn dyn_name(&self) -> &str;
    fn dyn_group(&self) -> &'static str;
    fn dyn_tables(&self) -> Vec<&'static str>;
    fn dyn_aggregate_types(&self) -> Option<Vec<&'static str>>;
    fn dyn_apply<'a>(&'a self, tx: &'a mut PgConnection, events: &'a [StoredEvent]) -> BoxedApply<'a>;
    fn dyn_catch_up<'a>(&'a self, conn: &'a mut PgConnection) -> BoxedApply<'a>;
    fn dyn_apply_repaired<'a>(&'a self, tx: &'a mut PgConnection, events: &'a [StoredEvent], at: Position) -> BoxedApply<'a>;
}

impl<P: Projection> DynProjection for P {
    fn dyn_name(&self) -> &str {
        Projection::name(self)
    }
    fn dyn_group(&self) -> &'static str {
        Projection::group(self)
    }
    fn dyn_tables(&self) -> Vec<&'static str> {
        Projection::tables(self)
    }
    fn dyn_aggregate_types(&self) -> Option<Vec<&'static str>> {
        Projection::aggregate_types(self)
    }
    fn dyn_apply<'a>(&'a self, tx: &'a mut PgConnection, events: &'a [StoredEvent]) -> BoxedApply<'a> {
        Box::pin(Projection::apply(self, tx, events))
    }
    fn dyn_catch_up<'a>(&'a self, conn: &'a mut PgConnection) -> BoxedApply<'a> {
        Box::pin(Projection::catch_up(self, conn))
    }
    fn dyn_apply_repaired<'a>(&'a self, tx: &'a mut PgConnection, events: &'a [StoredEvent], at: Position) -> BoxedApply<'a> {
        Box::pin(Projection::apply_repaired(self, tx, events, at))
    }
}

/// One projection of a group: the projection, its name, and the aggregate types it reads
/// (cached once; `None`: all).
#[derive(Clone)]
pub struct Member {
    inner: Arc<dyn DynProjection>,
    name: Arc<str>,
    reads: Option<Arc<HashSet<&'static str>>>,
}

impl Member {
    pub fn new(projection: impl Projection) -> Self {
        let inner: Arc<dyn DynProjection> = Arc::new(projection);
        let name: Arc<str> = Arc::from(inner.dyn_name());
        let reads = inner.dyn_aggregate_types().map(|types| Arc::new(types.into_iter().collect()));
        Self { inner, name, reads }
    }

    /// Whether the member is handed this event: one of its aggregate types, or a repair
    /// request (the batch logic picks out the ones addressed to it).
    pub fn reads(&self, event: &StoredEvent) -> bool {
        self.reads.as_ref().is_none_or(|types| {
            types.contains(event.aggregate_type.as_str()) || event.aggregate_type == repair::AGGREGATE_TYPE
        })
    }

    /// Whether it reads every aggregate type (so a batch needs no filtering).
    pub fn reads_all(&self) -> bool {
        self.reads.is_none()
    }
}

impl Projection for Member {
    fn name(&self) -> &str {
        &self.name
    }

    fn tables(&self) -> Vec<&'static str> {
        self.inner.dyn_tables()
    }

    fn apply<'a>(&'a self, tx: &'a mut PgConnection, events: &'a [StoredEvent]) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        self.inner.dyn_apply(tx, events)
    }

    fn catch_up<'a>(&'a self, conn: &'a mut PgConnection) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        self.inner.dyn_catch_up(conn)
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        self.inner.dyn_aggregate_types()
    }

    fn group(&self) -> &'static str {
        self.inner.dyn_group()
    }

    fn apply_repaired<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        events: &'a [StoredEvent],
        at: Position,
    ) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        self.inner.dyn_apply_repaired(tx, events, at)
    }
}
