//! Workspace state and its two pure functions: `decide` (command → events or a rejection)
//! and `evolve` (apply one event). The cqrs-es adapter at the bottom only wires them in.

use std::collections::BTreeMap;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::types::{Role, WorkspaceCommand as Cmd, WorkspaceError as Error, WorkspaceEvent as Event, WorkspaceKind};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    pub kind: Option<WorkspaceKind>,
    pub created_by: String,
    pub members: BTreeMap<String, Role>,
}

impl Workspace {
    pub fn exists(&self) -> bool {
        self.kind.is_some()
    }

    pub fn role_of(&self, user_id: &str) -> Option<Role> {
        self.members.get(user_id).copied()
    }

    pub fn decide(&self, command: Cmd) -> Result<Vec<Event>, Error> {
        if let Cmd::Create { workspace_id, name, kind, owner_id, at } = command {
            return self.decide_create(workspace_id, name, kind, owner_id, at);
        }
        if !self.exists() {
            return Err(Error::NotFound);
        }
        match command {
            Cmd::Create { .. } => Ok(Vec::new()), // handled above
            Cmd::AddMember { actor, user_id, role, at } => {
                self.require_owner(&actor)?;
                if self.kind == Some(WorkspaceKind::Personal) {
                    return Err(Error::PersonalWorkspace);
                }
                if self.members.contains_key(&user_id) {
                    return Err(Error::AlreadyMember);
                }
                Ok(vec![Event::MemberAdded { user_id, role, at }])
            }
            Cmd::ChangeMemberRole { actor, user_id, role, at } => {
                self.require_owner(&actor)?;
                let from = self.role_of(&user_id).ok_or(Error::NotMember)?;
                if from == role {
                    return Ok(Vec::new());
                }
                if from == Role::Owner && self.owner_count() == 1 {
                    return Err(Error::LastOwner);
                }
                Ok(vec![Event::MemberRoleChanged { user_id, from, to: role, at }])
            }
            Cmd::RemoveMember { actor, user_id, at } => {
                self.require_owner(&actor)?;
                let role = self.role_of(&user_id).ok_or(Error::NotMember)?;
                if role == Role::Owner && self.owner_count() == 1 {
                    return Err(Error::LastOwner);
                }
                Ok(vec![Event::MemberRemoved { user_id, at }])
            }
        }
    }

    fn decide_create(
        &self,
        workspace_id: String,
        name: String,
        kind: WorkspaceKind,
        owner_id: String,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<Event>, Error> {
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 || crate::values::storable_text("name", &name).is_err() {
            return Err(Error::InvalidName);
        }
        if self.exists() {
            // Re-sending the same create is idempotent; anything else is a conflict.
            let same = self.id == workspace_id
                && self.name == name
                && self.kind == Some(kind)
                && self.created_by == owner_id;
            return if same { Ok(Vec::new()) } else { Err(Error::AlreadyExists) };
        }
        Ok(vec![
            Event::WorkspaceCreated { workspace_id, name, kind, created_by: owner_id.clone(), at },
            Event::MemberAdded { user_id: owner_id, role: Role::Owner, at },
        ])
    }

    fn require_owner(&self, actor: &str) -> Result<(), Error> {
        match self.role_of(actor) {
            Some(Role::Owner) => Ok(()),
            _ => Err(Error::NotOwner),
        }
    }

    fn owner_count(&self) -> usize {
        self.members.values().filter(|r| **r == Role::Owner).count()
    }

    pub fn evolve(&mut self, event: &Event) {
        match event {
            Event::WorkspaceCreated { workspace_id, name, kind, created_by, .. } => {
                self.id.clone_from(workspace_id);
                self.name.clone_from(name);
                self.kind = Some(*kind);
                self.created_by.clone_from(created_by);
            }
            Event::MemberAdded { user_id, role, .. } => {
                self.members.insert(user_id.clone(), *role);
            }
            Event::MemberRoleChanged { user_id, to, .. } => {
                self.members.insert(user_id.clone(), *to);
            }
            Event::MemberRemoved { user_id, .. } => {
                self.members.remove(user_id);
            }
        }
    }
}

impl Aggregate for Workspace {
    const TYPE: &'static str = "Workspace";
    type Command = Cmd;
    type Event = Event;
    type Error = Error;
    type Services = ();

    async fn handle(&mut self, command: Cmd, _: &(), sink: &EventSink<Self>) -> Result<(), Error> {
        crate::emit::emit(sink, self.decide(command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: Event) {
        self.evolve(&event);
    }
}
