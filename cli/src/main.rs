//! The `lifeos` binary: runs one command line on a tokio runtime and exits with its code
//! (0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 conflict).

fn main() {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("lifeos: cannot start: {error}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(lifeos_cli::app::run(std::env::args_os().collect(), lifeos_cli::credentials::EnvLookup::process()));
    std::process::exit(code);
}
