//! lifeosd's command line, from clap's own introspection of `lifeosd::cli::Cli` and the real
//! binary's `--help`: every setting flag is named like its environment variable (the
//! variable without `LIFEOS_`, kebab-case), each command takes only the settings groups it
//! uses, and its `--help` lists exactly its own flags. Old flag names still parse (hidden).

use std::collections::BTreeSet;

use clap::CommandFactory;
use lifeos_tests::lifeosd;

/// The settings groups (help headings) each command uses. `--config` has no heading.
fn expected_groups(path: &str) -> &'static [&'static str] {
    match path {
        "serve" => &["Database", "Logging", "Owner", "Server"],
        "owner" => &["Database", "Logging", "Owner"],
        "migrate" | "project" | "replay" | "rebuild" | "projections" | "allowlist" => &["Database", "Logging"],
        _ => &[],
    }
}

/// Every command and subcommand, with its path (`owner setup-code`).
fn commands() -> Vec<(String, clap::Command)> {
    fn walk(prefix: &str, command: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = if prefix.is_empty() { sub.get_name().to_owned() } else { format!("{prefix} {}", sub.get_name()) };
            out.push((path.clone(), sub.clone()));
            walk(&path, sub, out);
        }
    }
    let mut root = lifeosd::cli::Cli::command();
    root.build();
    let mut out = Vec::new();
    walk("", &root, &mut out);
    out
}

/// A setting is a flag with an environment variable.
fn settings(command: &clap::Command) -> Vec<&clap::Arg> {
    command.get_arguments().filter(|a| a.get_env().is_some()).collect()
}

#[test]
fn every_setting_flag_is_named_like_its_variable() {
    let mut checked = 0;
    for (path, command) in commands() {
        for arg in settings(&command) {
            let env = arg.get_env().and_then(|e| e.to_str()).unwrap_or_default();
            let long = arg.get_long().unwrap_or_default();
            let expected = format!("LIFEOS_{}", long.to_uppercase().replace('-', "_"));
            assert_eq!(env, expected, "`lifeosd {path}`: --{long} reads {env}");
            checked += 1;
        }
    }
    assert!(checked > 40, "settings were found ({checked})");
}

#[test]
fn each_command_takes_only_the_settings_groups_it_uses() {
    for (path, command) in commands() {
        let groups: BTreeSet<&str> = settings(&command).iter().filter_map(|a| a.get_help_heading()).collect();
        let expected: BTreeSet<&str> = expected_groups(&path).iter().copied().collect();
        assert_eq!(groups, expected, "`lifeosd {path}`");
        let ungrouped: Vec<_> = settings(&command).iter().filter(|a| a.get_help_heading().is_none()).filter_map(|a| a.get_long()).collect();
        assert!(ungrouped.iter().all(|l| *l == "config"), "`lifeosd {path}`: settings outside a group: {ungrouped:?}");
    }
}

#[test]
fn help_lists_exactly_the_commands_own_flags() -> anyhow::Result<()> {
    let every_setting: BTreeSet<String> =
        commands().iter().flat_map(|(_, c)| settings(c).iter().filter_map(|a| a.get_long()).map(str::to_owned).collect::<Vec<_>>()).collect();
    for (path, command) in commands() {
        let own: BTreeSet<String> = command.get_arguments().filter(|a| !a.is_hide_set()).filter_map(|a| a.get_long()).map(str::to_owned).collect();
        let out = lifeosd!().args(path.split(' ')).arg("--help").output()?;
        anyhow::ensure!(out.status.success(), "`lifeosd {path} --help` failed");
        let help = String::from_utf8(out.stdout)?;
        let listed: BTreeSet<String> = help
            .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']' || c == '=' || c == '<')
            .filter_map(|w| w.strip_prefix("--"))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        for flag in &own {
            assert!(listed.contains(flag), "`lifeosd {path} --help` misses --{flag}:\n{help}");
        }
        for flag in every_setting.difference(&own) {
            assert!(!listed.contains(flag), "`lifeosd {path} --help` lists --{flag}, which it does not use:\n{help}");
        }
    }
    let replay = String::from_utf8(lifeosd!().args(["replay", "--help"]).output()?.stdout)?;
    assert!(!replay.contains("LIFEOS_LISTEN_ADDR") && replay.contains("LIFEOS_DATABASE_URL"), "{replay}");
    Ok(())
}

#[test]
fn old_flag_names_still_parse_and_foreign_ones_are_refused() {
    use clap::Parser;
    let parse = |args: &[&str]| lifeosd::cli::Cli::try_parse_from(std::iter::once("lifeosd").chain(args.iter().copied())).map(|_| ());
    assert!(parse(&["serve", "--listen", "127.0.0.1:0", "--log-filter", "debug"]).is_ok(), "hidden aliases");
    assert!(parse(&["serve", "--listen-addr", "127.0.0.1:0", "--log", "debug"]).is_ok());
    let foreign = parse(&["replay", "--workspace", "w", "--listen-addr", "127.0.0.1:0"]);
    assert!(foreign.is_err(), "replay has no server flags");
    assert!(parse(&["migrate", "--graphql-max-depth", "3"]).is_err());
}
