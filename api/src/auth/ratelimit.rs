//! Sign-in/sign-up rate limits, per email and per client IP, with `governor`'s keyed GCRA
//! limiters in memory. In-process is right for a self-hosted single node; the limiter sits
//! inside the resolvers (not as a tower layer) because the email key is only known there.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

pub struct AuthRateLimits {
    per_email: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
}

impl AuthRateLimits {
    pub fn new(attempts_per_minute: u32) -> Self {
        let per_email = NonZeroU32::new(attempts_per_minute).unwrap_or(NonZeroU32::MIN);
        let per_ip = per_email.saturating_mul(NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN));
        Self {
            per_email: RateLimiter::keyed(Quota::per_minute(per_email)),
            per_ip: RateLimiter::keyed(Quota::per_minute(per_ip)),
        }
    }

    /// Counts one attempt; `RATE_LIMITED` once either budget is spent.
    pub fn check(&self, ip: Option<IpAddr>, email: &str) -> Result<(), ApiError> {
        if self.per_email.len() > 100_000 {
            self.per_email.retain_recent();
        }
        if let Some(ip) = ip {
            self.per_ip.check_key(&ip).map_err(limited)?;
        }
        self.per_email.check_key(&email.to_owned()).map_err(limited)
    }
}

fn limited(not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> ApiError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    ApiError::RateLimited { retry_after_secs: wait.as_secs().max(1) }
}
