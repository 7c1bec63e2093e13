//! Given/when/then tests of the Workspace aggregate (cqrs-es `TestFramework`).

use chrono::{DateTime, TimeZone, Utc};
use cqrs_es::test::TestFramework;

use super::*;

type Given = TestFramework<Workspace>;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
}

fn created(kind: WorkspaceKind) -> Vec<WorkspaceEvent> {
    vec![
        WorkspaceEvent::WorkspaceCreated {
            workspace_id: "W1".into(),
            name: "Home".into(),
            kind,
            created_by: "alice".into(),
            at: at(),
        },
        WorkspaceEvent::MemberAdded { user_id: "alice".into(), role: Role::Owner, at: at() },
    ]
}

fn create(name: &str) -> WorkspaceCommand {
    WorkspaceCommand::Create {
        workspace_id: "W1".into(),
        name: name.into(),
        kind: WorkspaceKind::Shared,
        owner_id: "alice".into(),
        at: at(),
    }
}

#[test]
fn creating_a_workspace_makes_the_creator_its_owner() {
    Given::with(())
        .given_no_previous_events()
        .when(create("  Home "))
        .then_expect_events(created(WorkspaceKind::Shared));
}

#[test]
fn re_sending_the_same_create_is_idempotent_but_a_different_one_conflicts() {
    Given::with(()).given(created(WorkspaceKind::Shared)).when(create("Home")).then_expect_events(vec![]);
    Given::with(())
        .given(created(WorkspaceKind::Shared))
        .when(create("Other"))
        .then_expect_error(WorkspaceError::AlreadyExists);
}

#[test]
fn empty_name_is_rejected() {
    Given::with(()).given_no_previous_events().when(create("   ")).then_expect_error(WorkspaceError::InvalidName);
}

#[test]
fn a_name_with_nul_is_rejected_naming_the_field() {
    Given::with(()).given_no_previous_events().when(create("Ho\u{0}me")).then_expect_error(WorkspaceError::InvalidName);
    assert_eq!(WorkspaceError::InvalidName.field(), Some("name"));
}

#[test]
fn owner_adds_a_member_to_a_shared_workspace() {
    Given::with(())
        .given(created(WorkspaceKind::Shared))
        .when(WorkspaceCommand::AddMember { actor: "alice".into(), user_id: "bob".into(), role: Role::Viewer, at: at() })
        .then_expect_events(vec![WorkspaceEvent::MemberAdded { user_id: "bob".into(), role: Role::Viewer, at: at() }]);
}

#[test]
fn personal_workspaces_take_no_other_members() {
    Given::with(())
        .given(created(WorkspaceKind::Personal))
        .when(WorkspaceCommand::AddMember { actor: "alice".into(), user_id: "bob".into(), role: Role::Editor, at: at() })
        .then_expect_error(WorkspaceError::PersonalWorkspace);
}

#[test]
fn only_owners_manage_members() {
    let mut given = created(WorkspaceKind::Shared);
    given.push(WorkspaceEvent::MemberAdded { user_id: "bob".into(), role: Role::Editor, at: at() });
    Given::with(())
        .given(given)
        .when(WorkspaceCommand::AddMember { actor: "bob".into(), user_id: "carol".into(), role: Role::Viewer, at: at() })
        .then_expect_error(WorkspaceError::NotOwner);
}

#[test]
fn role_changes_record_before_and_after() {
    let mut given = created(WorkspaceKind::Shared);
    given.push(WorkspaceEvent::MemberAdded { user_id: "bob".into(), role: Role::Viewer, at: at() });
    Given::with(())
        .given(given)
        .when(WorkspaceCommand::ChangeMemberRole { actor: "alice".into(), user_id: "bob".into(), role: Role::Editor, at: at() })
        .then_expect_events(vec![WorkspaceEvent::MemberRoleChanged {
            user_id: "bob".into(),
            from: Role::Viewer,
            to: Role::Editor,
            at: at(),
        }]);
}

#[test]
fn the_last_owner_cannot_leave_or_step_down() {
    Given::with(())
        .given(created(WorkspaceKind::Shared))
        .when(WorkspaceCommand::RemoveMember { actor: "alice".into(), user_id: "alice".into(), at: at() })
        .then_expect_error(WorkspaceError::LastOwner);
    Given::with(())
        .given(created(WorkspaceKind::Shared))
        .when(WorkspaceCommand::ChangeMemberRole { actor: "alice".into(), user_id: "alice".into(), role: Role::Viewer, at: at() })
        .then_expect_error(WorkspaceError::LastOwner);
}

#[test]
fn commands_on_a_missing_workspace_are_not_found() {
    Given::with(())
        .given_no_previous_events()
        .when(WorkspaceCommand::RemoveMember { actor: "alice".into(), user_id: "bob".into(), at: at() })
        .then_expect_error(WorkspaceError::NotFound);
}
