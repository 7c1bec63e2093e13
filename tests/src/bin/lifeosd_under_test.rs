//! Exactly `lifeosd`'s main, built in the tests package so tests can spawn it.

fn main() -> std::process::ExitCode {
    lifeosd::cli::main()
}
