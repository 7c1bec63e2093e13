//! Auditor and analytics tools over the event store: an entity's full history, as-of reads
//! by folding events, the workspace audit log, and blue/green projection rebuilds.
