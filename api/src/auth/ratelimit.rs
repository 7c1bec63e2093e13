//! Sign-in/sign-up rate limits with `governor`'s keyed GCRA limiters, in memory (right for a
//! self-hosted single node; inside the resolvers, not a tower layer, because the email key is
//! only known there). With N = `LIFEOS_AUTH_ATTEMPTS_PER_MINUTE`, three budgets, checked in
//! this order — a refused check spends nothing further down:
//!
//! 1. per (email, client IP): N a minute — what one address may try against one account;
//! 2. per client IP: 5N a minute across all emails (credential stuffing from one address);
//! 3. per email from all addresses together: 3N a minute — caps a botnet's guesses at one
//!    account. One address can spend at most N a minute of it, so a single stranger can never
//!    keep an account's owner out; it takes three addresses hammering together.
//!
//! Must never key on a client-supplied header: the IP comes from `client_ip` (trusted proxies).

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{NotUntil, Quota, RateLimiter};

use crate::error::ApiError;

/// Keys kept per limiter before stale ones are dropped.
const MAX_KEYS: usize = 100_000;

type Keyed<K, C> = RateLimiter<K, DefaultKeyedStateStore<K>, C, NoOpMiddleware<<C as Clock>::Instant>>;

pub struct AuthRateLimits<C: Clock = DefaultClock> {
    clock: C,
    per_pair: Keyed<(String, Option<IpAddr>), C>,
    per_ip: Keyed<IpAddr, C>,
    per_email: Keyed<String, C>,
}

impl AuthRateLimits {
    pub fn new(attempts_per_minute: u32) -> Self {
        Self::with_clock(attempts_per_minute, DefaultClock::default())
    }
}

impl<C: Clock + Clone> AuthRateLimits<C> {
    /// Same, on `clock` (tests advance a `FakeRelativeClock` instead of sleeping).
    pub fn with_clock(attempts_per_minute: u32, clock: C) -> Self {
        let n = NonZeroU32::new(attempts_per_minute).unwrap_or(NonZeroU32::MIN);
        let times = |k: u32| n.saturating_mul(NonZeroU32::new(k).unwrap_or(NonZeroU32::MIN));
        Self {
            per_pair: limiter(n, &clock),
            per_ip: limiter(times(5), &clock),
            per_email: limiter(times(3), &clock),
            clock,
        }
    }

    /// Counts one attempt for `email` from `ip`; `RATE_LIMITED` once a budget is spent.
    pub fn check(&self, ip: Option<IpAddr>, email: &str) -> Result<(), ApiError> {
        self.per_pair.check_key(&(email.to_owned(), ip)).map_err(|e| self.limited(&e))?;
        if let Some(ip) = ip {
            self.per_ip.check_key(&ip).map_err(|e| self.limited(&e))?;
        }
        self.per_email.check_key(&email.to_owned()).map_err(|e| self.limited(&e))?;
        bound(&self.per_pair);
        bound(&self.per_ip);
        bound(&self.per_email);
        Ok(())
    }

    fn limited(&self, not_until: &NotUntil<C::Instant>) -> ApiError {
        let wait = not_until.wait_time_from(self.clock.now());
        ApiError::RateLimited { retry_after_secs: wait.as_secs().max(1) }
    }
}

fn limiter<K: Hash + Eq + Clone, C: Clock + Clone>(per_minute: NonZeroU32, clock: &C) -> Keyed<K, C> {
    RateLimiter::new(Quota::per_minute(per_minute), DefaultKeyedStateStore::default(), clock.clone())
}

/// Forgets keys whose budget is whole again once a limiter holds many.
fn bound<K: Hash + Eq + Clone, C: Clock>(limiter: &Keyed<K, C>) {
    if limiter.len() > MAX_KEYS {
        limiter.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use governor::clock::FakeRelativeClock;

    use super::*;

    const VICTIM: &str = "victim@x.test";

    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([203, 0, 113, last]))
    }

    fn code(result: Result<(), ApiError>) -> &'static str {
        result.err().map_or("OK", |e| e.code())
    }

    #[test]
    fn a_stranger_spends_only_their_own_budget_for_an_email() {
        let limits = AuthRateLimits::with_clock(5, FakeRelativeClock::default());
        let attacker: Vec<_> = (0..50).map(|_| code(limits.check(ip(1), VICTIM))).collect();
        assert!(attacker[..5].iter().all(|c| *c == "OK"), "{attacker:?}");
        assert!(attacker[5..].iter().all(|c| *c == "RATE_LIMITED"), "{attacker:?}");
        assert_eq!(code(limits.check(ip(2), VICTIM)), "OK", "the owner, from their own address");
    }

    #[test]
    fn one_address_alone_never_drains_the_per_email_budget() {
        let clock = FakeRelativeClock::default();
        let limits = AuthRateLimits::with_clock(5, clock.clone());
        // An hour of an attacker at the fastest rate the per-pair budget lets through.
        for _ in 0..60 {
            for _ in 0..10 {
                let _ = limits.check(ip(1), VICTIM);
            }
            assert_eq!(code(limits.check(ip(2), VICTIM)), "OK", "the owner still gets in");
            clock.advance(Duration::from_secs(60));
        }
    }

    #[test]
    fn many_addresses_together_hit_the_per_email_cap_and_budgets_refill_with_time() {
        let clock = FakeRelativeClock::default();
        let limits = AuthRateLimits::with_clock(5, clock.clone());
        let allowed = (0..20u8).filter(|i| limits.check(ip(*i), VICTIM).is_ok()).count();
        assert_eq!(allowed, 15, "3N a minute per email, whatever the addresses");
        assert_eq!(code(limits.check(ip(99), VICTIM)), "RATE_LIMITED");
        assert_eq!(code(limits.check(ip(99), "other@x.test")), "OK", "other accounts are not affected");
        clock.advance(Duration::from_secs(60));
        assert_eq!(code(limits.check(ip(99), VICTIM)), "OK");
    }

    #[test]
    fn one_address_is_capped_across_emails_and_told_when_to_retry() {
        let limits = AuthRateLimits::with_clock(2, FakeRelativeClock::default());
        let allowed = (0..20).filter(|i| limits.check(ip(1), &format!("u{i}@x.test")).is_ok()).count();
        assert_eq!(allowed, 10, "5N a minute per address");
        match limits.check(ip(1), "another@x.test") {
            Err(ApiError::RateLimited { retry_after_secs }) => assert!((1..=60).contains(&retry_after_secs)),
            other => panic!("expected RATE_LIMITED, got {other:?}"),
        }
    }
}
