//! `lifeosd`: the one LifeOS server binary. Everything lives in the library (`lifeosd::cli`).

fn main() -> std::process::ExitCode {
    lifeosd::cli::main()
}
