//! The read side: the projector runtime that tails the gap-free global feed (ordered by
//! `(transaction_id, global_position)`), the kernel-row read tables and the `sync_log`
//! change feed. Checkpoints are written in the same transaction as the rows they cover.
