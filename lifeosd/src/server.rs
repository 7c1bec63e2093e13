//! Booting the server on an already-bound listener (port 0 in tests): the projection groups
//! (one per distinct `Projection::group`), the API state and the HTTP server (and `/metrics`
//! on its own listener when `LIFEOS_METRICS_ADDR` is set); and stopping them gracefully
//! (in-flight requests finish, projection groups finish their batch).

use std::net::SocketAddr;

use lifeos_api::{AppState, Projected, Services};
use lifeos_events::correct::Corrections;
use lifeos_projections::activity::ActivityDailyProjection;
use lifeos_projections::finance::FinanceProjection;
use lifeos_projections::habits::HabitStatsProjection;
use lifeos_projections::kernel::KernelProjection;
use lifeos_projections::synthetic::SyntheticProjection;
use lifeos_projections::workspaces::WorkspacesProjection;
use lifeos_projections::{GroupHandle, Projection, ProjectionGroup, ProjectorHandle};
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::Config;

/// A server running on the current tokio runtime.
pub struct RunningServer {
    pub addr: SocketAddr,
    /// Where `/metrics` is served when it has its own listener.
    pub metrics_addr: Option<SocketAddr>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    metrics_task: Option<JoinHandle<std::io::Result<()>>>,
    scheduler: Option<JoinHandle<()>>,
    projectors: Projectors,
    hub: lifeos_api::sync::hub::Hub,
}

/// Every projection this server maintains, run by one task per projection group.
pub struct Projectors {
    pub workspaces: ProjectorHandle,
    pub kernel: ProjectorHandle,
    pub activity_daily: ProjectorHandle,
    pub finance: ProjectorHandle,
    pub habit_stats: ProjectorHandle,
    groups: Vec<GroupHandle>,
}

impl Projectors {
    pub fn spawn(pool: &PgPool) -> Self {
        Self::spawn_with(pool, &Corrections::builtin(), 0)
    }

    /// Same, with the given stored-payload corrections (tests of parking use none) and
    /// `synthetic` bench-only projections (`LIFEOS_SYNTHETIC_PROJECTIONS`).
    pub fn spawn_with(pool: &PgPool, corrections: &Corrections, synthetic: usize) -> Self {
        let mut groups = Groups { pool, corrections, groups: Vec::new() };
        let workspaces = groups.add(WorkspacesProjection);
        let kernel = groups.add(KernelProjection);
        let activity_daily = groups.add(ActivityDailyProjection);
        let finance = groups.add(FinanceProjection);
        let habit_stats = groups.add(HabitStatsProjection);
        for projection in SyntheticProjection::first(synthetic) {
            groups.add(projection);
        }
        let groups = groups.groups.into_iter().map(ProjectionGroup::spawn).collect();
        Self { workspaces, kernel, activity_daily, finance, habit_stats, groups }
    }

    /// Lets each group finish its current batch, then stops it.
    pub async fn shutdown(self) {
        for group in self.groups {
            group.shutdown().await;
        }
    }
}

/// The groups being assembled: a projection joins the one its `group()` names.
struct Groups<'a> {
    pool: &'a PgPool,
    corrections: &'a Corrections,
    groups: Vec<ProjectionGroup>,
}

impl Groups<'_> {
    fn add(&mut self, projection: impl Projection) -> ProjectorHandle {
        let name = projection.group();
        let index = match self.groups.iter().position(|g| g.name() == name) {
            Some(index) => index,
            None => {
                self.groups.push(ProjectionGroup::new(self.pool.clone(), name).corrections(self.corrections.clone()));
                self.groups.len() - 1
            }
        };
        self.groups[index].add(projection)
    }
}

impl RunningServer {
    /// Serves on `listener` with the system clock and ULID ids.
    pub fn start(config: &Config, pool: PgPool, listener: TcpListener) -> std::io::Result<Self> {
        Self::start_with(config, pool, listener, Services::default())
    }

    /// Same, with injected clock/id services (tests).
    pub fn start_with(config: &Config, pool: PgPool, listener: TcpListener, services: Services) -> std::io::Result<Self> {
        Self::start_full(config, pool, listener, services, &Corrections::builtin())
    }

    /// Same, with the projectors' stored-payload corrections chosen too (tests).
    pub fn start_full(
        config: &Config,
        pool: PgPool,
        listener: TcpListener,
        services: Services,
        corrections: &Corrections,
    ) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let projectors = Projectors::spawn_with(&pool, corrections, config.synthetic_projections);
        let projected = Projected { workspaces: projectors.workspaces.watcher(), kernel: projectors.kernel.watcher() };
        let state = AppState::new(pool, config.api(), services, projected).map_err(std::io::Error::other)?;
        let hub = state.ctx.hub.clone();
        let (metrics_addr, metrics_task) = match config.metrics_addr {
            Some(at) => {
                let (addr, task) = serve_metrics(at, state.clone())?;
                (Some(addr), Some(task))
            }
            None => (None, None),
        };
        let scheduler = (config.schedule_interval_ms > 0)
            .then(|| lifeos_api::schedules::spawn(state.ctx.clone(), std::time::Duration::from_millis(config.schedule_interval_ms)));
        let app = lifeos_api::router(state);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Self { addr, metrics_addr, stop, task, metrics_task, scheduler, projectors, hub })
    }

    /// Stops accepting, lets in-flight requests finish, then stops the projectors.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        if let Some(metrics) = &self.metrics_task {
            // Scrapes hold nothing worth draining.
            metrics.abort();
        }
        if let Some(scheduler) = &self.scheduler {
            // A tick cut short rolls back its open transaction; each commit stands alone.
            scheduler.abort();
        }
        // Live subscriptions end, so their connections let the server drain.
        self.hub.stop();
        let served = self.task.await;
        self.projectors.shutdown().await;
        served??;
        Ok(())
    }
}

/// Binds `/metrics`' own listener and serves it.
fn serve_metrics(at: SocketAddr, state: lifeos_api::AppState) -> std::io::Result<(SocketAddr, JoinHandle<std::io::Result<()>>)> {
    let listener = std::net::TcpListener::bind(at)?;
    listener.set_nonblocking(true)?;
    let listener = TcpListener::from_std(listener)?;
    let addr = listener.local_addr()?;
    let app = lifeos_api::observe::endpoint::own_router(state);
    let task = tokio::spawn(async move { axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await });
    Ok((addr, task))
}
