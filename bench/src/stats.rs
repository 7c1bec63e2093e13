//! Latency samples → rate and percentiles.

use std::time::Duration;

#[derive(Debug, Default, Clone)]
pub struct Samples {
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
}

impl Samples {
    pub fn ops(&self) -> usize {
        self.latencies.len()
    }

    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { count(self.ops()) / secs } else { 0.0 }
    }

    /// The `q` quantile in milliseconds (nearest rank).
    pub fn percentile_ms(&self, q: f64) -> f64 {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((q * count(sorted.len())).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1].as_secs_f64() * 1000.0
    }
}

#[allow(clippy::cast_precision_loss)]
pub fn count(n: usize) -> f64 {
    n as f64
}

/// Runs `tasks` copies of a load loop at once (each returns its own latencies) and gathers
/// them with the wall time of the whole run.
pub async fn concurrently<F, Fut>(tasks: usize, load: F) -> anyhow::Result<Samples>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Vec<Duration>>> + Send + 'static,
{
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..tasks).map(|_| tokio::spawn(load())).collect();
    let mut samples = Samples::default();
    for handle in handles {
        samples.latencies.extend(handle.await??);
    }
    samples.elapsed = started.elapsed();
    Ok(samples)
}
