//! A kind's declaration as data: its type name, table, life domain, fields (wire name, column,
//! SQL type, how inputs treat it, filter/search flags, references) and field groups. Written
//! once per kind by its declaration (`kind::declare`); the column list, the wire types, the
//! reference checks and the registry all read it. Never hand-copy a field list from here.

/// The SQL type a field's column must have (the column test compares migrations with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlType {
    Text,
    Boolean,
    Integer,
    BigInt,
    Double,
    Numeric,
    Timestamptz,
    Date,
    TextArray,
    Jsonb,
}

impl SqlType {
    /// The name `information_schema.columns.data_type` reports (arrays: `ARRAY`).
    pub const fn information_schema(self) -> &'static str {
        match self {
            SqlType::Text => "text",
            SqlType::Boolean => "boolean",
            SqlType::Integer => "integer",
            SqlType::BigInt => "bigint",
            SqlType::Double => "double precision",
            SqlType::Numeric => "numeric",
            SqlType::Timestamptz => "timestamp with time zone",
            SqlType::Date => "date",
            SqlType::TextArray => "ARRAY",
            SqlType::Jsonb => "jsonb",
        }
    }
}

/// How the create and update inputs treat a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Must be given on create (non-null in the create input); optional on update.
    Required,
    /// Optional on create and update.
    Optional,
    /// Required on create and fixed from then on: not in the update inputs, and a later write
    /// that changes it is refused (Link's endpoints).
    Fixed,
    /// Not in the inputs: set by transitions or implied (Task's `completedAt`); a device's
    /// push may still write it.
    ReadOnly,
}

/// What a reference field points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// An entity of this kind (type name), in the same workspace, not deleted.
    Kind(&'static str),
    /// An entity of the kind named by this other field of the same entity (Link's `fromId`
    /// is typed by `fromType`).
    TypedBy(&'static str),
}

/// One field of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// camelCase: the key in events, pushes and GraphQL.
    pub name: &'static str,
    /// snake_case: the read-table column.
    pub column: &'static str,
    pub sql: SqlType,
    pub nullable: bool,
    /// An enum field's values (SCREAMING_SNAKE_CASE, as stored); empty otherwise.
    pub values: &'static [&'static str],
    pub input: Input,
    /// Offered as a list filter (the rule follows the column type, see the API's
    /// `kinds/list/filter.rs`) and, for a single value, as a list ordering.
    pub filter: bool,
    /// Searched by text search.
    pub search: bool,
    pub reference: Option<Reference>,
    /// Fixed at create: a later write that changes it is refused.
    pub immutable: bool,
    /// Names the user the entity belongs to ("per person" in the domains: the signed-in user
    /// in a workspace): every write must be by that user.
    pub owner: bool,
}

impl FieldSpec {
    pub const fn new(name: &'static str, column: &'static str, sql: SqlType, nullable: bool, input: Input) -> Self {
        let immutable = matches!(input, Input::Fixed);
        Self { name, column, sql, nullable, values: &[], input, filter: false, search: false, reference: None, immutable, owner: false }
    }
    pub const fn values(mut self, values: &'static [&'static str]) -> Self {
        self.values = values;
        self
    }
    pub const fn filter(mut self) -> Self {
        self.filter = true;
        self
    }
    pub const fn search(mut self) -> Self {
        self.search = true;
        self
    }
    pub const fn immutable(mut self) -> Self {
        self.immutable = true;
        self
    }
    pub const fn owner(mut self) -> Self {
        self.owner = true;
        self
    }
    pub const fn references(mut self, kind: &'static str) -> Self {
        self.reference = Some(Reference::Kind(kind));
        self
    }
    pub const fn typed_by(mut self, type_field: &'static str) -> Self {
        self.reference = Some(Reference::TypedBy(type_field));
        self
    }
}

/// A kind, as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// Aggregate type, event-type prefix, `entityType` on the wire: "Task".
    pub type_name: &'static str,
    /// The kernel-row read table: "tasks".
    pub table: &'static str,
    /// The life domain (module) it belongs to: "primitives", later "finance"...
    pub domain: &'static str,
    /// Whether it has the generic GraphQL operations (`api: crud`), or only custom ones.
    pub crud: bool,
    pub fields: &'static [FieldSpec],
    /// Fields only valid together: each merges as one register (see `entity::merge`).
    pub groups: &'static [&'static [&'static str]],
    /// The fields whose values make the natural key (empty: none): an entity's id must then
    /// be [`crate::ids::natural_id`] of them, so two devices creating "the same" entity (a
    /// link per (from, to, relation), settings per user) create one.
    pub natural_key: &'static [&'static str],
}

/// The kernel columns every kind's table has, before its fields.
pub const KERNEL_COLUMNS: [&str; 6] = ["workspace_id", "id", "created_at", "updated_at", "deleted_at", "version"];

/// The SQL types of [`KERNEL_COLUMNS`], in the same order.
pub const KERNEL_SQL_TYPES: [SqlType; 6] =
    [SqlType::Text, SqlType::Text, SqlType::Timestamptz, SqlType::Timestamptz, SqlType::Timestamptz, SqlType::BigInt];

impl KindSpec {
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Every column, kernel first, in table order.
    pub fn columns(&self) -> Vec<&'static str> {
        KERNEL_COLUMNS.iter().copied().chain(self.fields.iter().map(|f| f.column)).collect()
    }

    /// Every column with its SQL type, in the order of [`KindSpec::columns`].
    pub fn typed_columns(&self) -> Vec<(&'static str, SqlType)> {
        KERNEL_COLUMNS.into_iter().zip(KERNEL_SQL_TYPES).chain(self.fields.iter().map(|f| (f.column, f.sql))).collect()
    }

    /// The natural id of an entity with these normalised fields in `workspace_id` (None: the
    /// kind has no natural key). Text values are taken as they are, others as JSON text.
    pub fn natural_id(&self, workspace_id: &str, fields: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
        if self.natural_key.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .natural_key
            .iter()
            .map(|name| match fields.get(*name) {
                Some(serde_json::Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            })
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        Some(crate::ids::natural_id(self.type_name, workspace_id, &parts))
    }

    pub fn filterable(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(|f| f.filter)
    }

    pub fn searchable(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(|f| f.search)
    }

    pub fn references(&self) -> impl Iterator<Item = (&'static FieldSpec, Reference)> {
        self.fields.iter().filter_map(|f| f.reference.map(|r| (f, r)))
    }
}
