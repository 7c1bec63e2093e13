//! Handing decided events to cqrs-es.
//!
//! cqrs-es 0.5.0's `EventSink::write` applies each event to the aggregate it is given, and at
//! commit its snapshot store applies the committed events *again* to the aggregate that was
//! handled (`update_snapshot_with_events`). Writing through the handled aggregate therefore
//! double-applies every event into snapshots (an entity's version counts its events twice, so
//! the first command after a snapshot conflicts). The events are written through a throwaway
//! default instance instead, leaving the handled aggregate as loaded, which is what the
//! snapshot code expects. Covered by `tests/tests/stored_events.rs`.

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;

pub async fn emit<A: Aggregate>(sink: &EventSink<A>, events: Vec<A::Event>) {
    let mut scratch = A::default();
    for event in events {
        sink.write(event, &mut scratch).await;
    }
}
