//! The server's schema as the CLI uses it at run time: the entity kinds, each one's
//! operations (list, get, and every `<verb><Kind>` mutation: create, update, delete, restore,
//! complete…), its output fields, and the input types that turn `--title x` text into typed
//! JSON. Read from the checked-in SDL — the file the typed operations are compiled against —
//! never from the network, and never a hand-kept list of kinds or fields: a kind the server
//! adds is a command after `lifeosd schema > spec/schema.graphql`.

pub mod coerce;
pub mod documents;

use std::collections::{BTreeMap, BTreeSet};

use graphql_parser::schema::{Definition, Document, Type, TypeDefinition};

/// The SDL every Rust party is compiled against (`spec/schema.graphql`).
pub const SDL: &str = lifeos_client::SCHEMA_SDL;

/// A GraphQL type reference, e.g. `[String!]!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    pub name: String,
    pub list: bool,
    pub required: bool,
    /// The written form, for variable declarations.
    pub text: String,
}

impl TypeRef {
    fn of(t: &Type<'_, String>) -> Self {
        fn named<'t>(t: &'t Type<'_, String>) -> (&'t str, bool) {
            match t {
                Type::NamedType(n) => (n, false),
                Type::ListType(inner) => (named(inner).0, true),
                Type::NonNullType(inner) => named(inner),
            }
        }
        let (name, list) = named(t);
        Self { name: name.to_owned(), list, required: matches!(t, Type::NonNullType(_)), text: t.to_string() }
    }
}

/// An argument or input field.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub ty: TypeRef,
    /// The default value, written as GraphQL.
    pub default: Option<String>,
    pub description: Option<String>,
}

/// An output field.
#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    pub ty: TypeRef,
    pub has_arguments: bool,
}

/// A root field the CLI calls.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `notes`, `createNote`.
    pub field: String,
    pub arguments: Vec<Input>,
    pub description: Option<String>,
}

/// A mutation on a kind: `create`, `update`, `delete`, `restore`, `complete`, …
#[derive(Debug, Clone)]
pub struct Verb {
    pub name: String,
    pub operation: Operation,
}

/// An entity kind with a list query (`EntityType` values that are listable).
#[derive(Debug, Clone)]
pub struct Kind {
    /// The GraphQL type, `Note`.
    pub type_name: String,
    /// The command, kebab case: `note`, `budget-assignment`.
    pub command: String,
    pub list: Operation,
    /// The type of the list's rows (`Note`, or `AccountWithBalance`).
    pub list_node: String,
    pub get: Option<Operation>,
    pub verbs: Vec<Verb>,
}

#[derive(Debug, Default)]
pub struct Schema {
    pub kinds: Vec<Kind>,
    objects: BTreeMap<String, Vec<Output>>,
    inputs: BTreeMap<String, Vec<Input>>,
    enums: BTreeMap<String, Vec<String>>,
    scalars: BTreeSet<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("the embedded schema does not parse: {0}")]
pub struct SchemaError(String);

impl Schema {
    /// The checked-in schema.
    pub fn embedded() -> Result<Self, SchemaError> {
        Self::parse(SDL)
    }

    pub fn parse(sdl: &str) -> Result<Self, SchemaError> {
        let document: Document<'_, String> = graphql_parser::parse_schema(sdl).map_err(|e| SchemaError(e.to_string()))?;
        let mut schema = Schema::default();
        schema.scalars.extend(["String", "Int", "Float", "Boolean", "ID"].map(str::to_owned));
        let mut roots: BTreeMap<String, Vec<Operation>> = BTreeMap::new();
        for definition in &document.definitions {
            let Definition::TypeDefinition(definition) = definition else { continue };
            match definition {
                TypeDefinition::Object(o) => {
                    let outputs = o.fields.iter().map(|f| Output { name: f.name.clone(), ty: TypeRef::of(&f.field_type), has_arguments: !f.arguments.is_empty() });
                    schema.objects.insert(o.name.clone(), outputs.collect());
                    if o.name == "Query" || o.name == "Mutation" {
                        let operations = o.fields.iter().map(|f| Operation { field: f.name.clone(), arguments: f.arguments.iter().map(input).collect(), description: f.description.clone() });
                        roots.insert(o.name.clone(), operations.collect());
                    }
                }
                TypeDefinition::InputObject(i) => {
                    schema.inputs.insert(i.name.clone(), i.fields.iter().map(input).collect());
                }
                TypeDefinition::Scalar(scalar) => {
                    schema.scalars.insert(scalar.name.clone());
                }
                TypeDefinition::Enum(e) => {
                    schema.enums.insert(e.name.clone(), e.values.iter().map(|v| v.name.clone()).collect());
                }
                _ => {}
            }
        }
        let query = roots.remove("Query").unwrap_or_default();
        let mutation = roots.remove("Mutation").unwrap_or_default();
        let kinds: Vec<String> = schema.enums.get("EntityType").cloned().unwrap_or_default();
        let returning = |ops: &[Operation], ty: &str, objects: &BTreeMap<String, Vec<Output>>| -> Vec<Operation> {
            ops.iter().filter(|op| returns(objects, op, ty)).cloned().collect()
        };
        for type_name in kinds {
            // `NoteConnection`, or a richer row's (`AccountWithBalanceConnection`).
            let exact = returning(&query, &format!("{type_name}Connection"), &schema.objects).into_iter().next();
            let richer = || query.iter().find(|op| returned(&schema.objects, op).is_some_and(|t| t.starts_with(&format!("{type_name}With")) && t.ends_with("Connection"))).cloned();
            let Some(list) = exact.or_else(richer) else { continue };
            let connection = returned(&schema.objects, &list).unwrap_or_default();
            let Some(list_node) = schema.output_fields(&connection).iter().find(|f| f.name == "nodes").map(|f| f.ty.name.clone()) else { continue };
            let get = returning(&query, &type_name, &schema.objects).into_iter().find(|op| op.arguments.len() == 1 && op.arguments[0].name == "id");
            let verbs = returning(&mutation, &type_name, &schema.objects)
                .into_iter()
                .filter_map(|op| {
                    let verb = op.field.strip_suffix(type_name.as_str())?;
                    (!verb.is_empty()).then(|| Verb { name: kebab(verb), operation: op.clone() })
                })
                .collect();
            schema.kinds.push(Kind { command: kebab(&type_name), type_name, list, list_node, get, verbs });
        }
        Ok(schema)
    }

    pub fn kind(&self, command: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.command == command)
    }

    pub fn input_fields(&self, input_type: &str) -> &[Input] {
        self.inputs.get(input_type).map_or(&[], Vec::as_slice)
    }

    pub fn output_fields(&self, object: &str) -> &[Output] {
        self.objects.get(object).map_or(&[], Vec::as_slice)
    }

    pub fn enum_values(&self, name: &str) -> Option<&[String]> {
        self.enums.get(name).map(Vec::as_slice)
    }

    pub fn is_object(&self, name: &str) -> bool {
        self.objects.contains_key(name)
    }

    /// A scalar or an enum: selected without a selection set.
    pub fn is_leaf(&self, name: &str) -> bool {
        self.scalars.contains(name) || self.enums.contains_key(name)
    }

    pub fn is_input(&self, name: &str) -> bool {
        self.inputs.contains_key(name)
    }

    /// Every type name the schema defines as an enum.
    pub fn enums(&self) -> BTreeSet<&str> {
        self.enums.keys().map(String::as_str).collect()
    }
}

fn returns(objects: &BTreeMap<String, Vec<Output>>, op: &Operation, ty: &str) -> bool {
    returned(objects, op).is_some_and(|t| t == ty)
}

/// The (non-list) type a root field returns.
fn returned(objects: &BTreeMap<String, Vec<Output>>, op: &Operation) -> Option<String> {
    let mut root = objects.get("Query").into_iter().chain(objects.get("Mutation")).flatten();
    root.find(|f| f.name == op.field && !f.ty.list).map(|f| f.ty.name.clone())
}

fn input(v: &graphql_parser::schema::InputValue<'_, String>) -> Input {
    Input { name: v.name.clone(), ty: TypeRef::of(&v.value_type), default: v.default_value.as_ref().map(ToString::to_string), description: v.description.clone() }
}

/// `BudgetAssignment` → `budget-assignment`, `dueAt` → `due-at`.
pub fn kebab(name: &str) -> String {
    lifeos_proto::names::separated(name, '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_yields_the_kinds_and_their_verbs() -> Result<(), SchemaError> {
        let schema = Schema::embedded()?;
        let task = schema.kind("task").map(|k| (k.list.field.clone(), k.get.as_ref().map(|g| g.field.clone()), k.verbs.iter().map(|v| v.name.clone()).collect::<Vec<_>>()));
        let (list, get, verbs) = task.unwrap_or_default();
        assert_eq!((list.as_str(), get.as_deref()), ("tasks", Some("task")));
        for verb in ["create", "update", "delete", "restore", "complete", "reopen"] {
            assert!(verbs.iter().any(|v| v == verb), "{verb} in {verbs:?}");
        }
        assert_eq!(schema.kind("person").map(|k| k.list.field.as_str()), Some("people"));
        assert!(schema.kind("budget-assignment").is_some());
        assert!(schema.kind("settings").is_none(), "a singleton is not listable");
        assert_eq!(schema.kind("account").map(|k| (k.list.field.as_str(), k.list_node.as_str())), Some(("accounts", "AccountWithBalance")));
        Ok(())
    }

    #[test]
    fn names_turn_kebab() {
        assert_eq!(kebab("BudgetAssignment"), "budget-assignment");
        assert_eq!(kebab("dueAt"), "due-at");
    }
}
