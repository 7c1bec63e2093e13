//! `lifeosd`: the one LifeOS server binary. Everything lives in the library (`lifeosd::cli`).

/// mimalloc rather than the system allocator: folding projection batches and serving requests
/// allocate and free many small values, where glibc's malloc spent ~40% of a rebuild's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lifeosd::cli::main()
}
