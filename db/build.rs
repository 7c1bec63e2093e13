//! `sqlx::migrate!` embeds `/migrations` at compile time; rebuild this crate when it changes.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
