//! The schema the typed operations are compiled against must be the server's own SDL
//! (regenerate with `cargo run -p lifeosd -- schema > spec/schema.graphql`).

#[test]
fn client_schema_is_the_servers_sdl() {
    let server = lifeos_api::sdl();
    assert!(
        lifeos_client::SCHEMA_SDL.trim_end() == server.trim_end(),
        "spec/schema.graphql differs from lifeos_api::sdl(); run `cargo run -p lifeosd -- schema > spec/schema.graphql`"
    );
}
