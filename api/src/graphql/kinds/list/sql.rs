//! The bound values of a list query: conditions are written with placeholders (`$4`, `$5`…)
//! and every client value travels as a bind — text cast to the column's type, or a text
//! array — never spliced into the SQL. The first three placeholders are the list's own
//! (workspace, include deleted, limit).

use lifeos_domain::kind::SqlType;
use sqlx::postgres::PgArguments;
use sqlx::query::QueryScalar;
use sqlx::Postgres;

/// One bound value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Bind {
    Text(Option<String>),
    List(Vec<String>),
}

/// The values bound after the list's own three, in placeholder order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Binds(Vec<Bind>);

/// Placeholders taken by the list query itself.
const OWN: usize = 3;

impl Binds {
    fn push(&mut self, bind: Bind) -> String {
        self.0.push(bind);
        format!("${}", self.0.len() + OWN)
    }

    /// A text value (cast it with [`cast`]); its placeholder.
    pub fn text(&mut self, value: Option<String>) -> String {
        self.push(Bind::Text(value))
    }

    /// A `text[]` value; its placeholder, cast.
    pub fn list(&mut self, values: Vec<String>) -> String {
        format!("{}::text[]", self.push(Bind::List(values)))
    }

    /// Binds every value onto the query, in order.
    pub fn bind_all<'q, O>(&self, mut query: QueryScalar<'q, Postgres, O, PgArguments>) -> QueryScalar<'q, Postgres, O, PgArguments> {
        for bind in &self.0 {
            query = match bind {
                Bind::Text(value) => query.bind(value.clone()),
                Bind::List(values) => query.bind(values.clone()),
            };
        }
        query
    }
}

/// The cast that makes a bound text a value of the column's type.
pub(crate) fn cast(sql: SqlType) -> &'static str {
    match sql {
        SqlType::Text => "::text",
        SqlType::Boolean => "::text::boolean",
        SqlType::Integer => "::text::integer",
        SqlType::BigInt => "::text::bigint",
        SqlType::Double => "::text::double precision",
        SqlType::Numeric => "::text::numeric",
        SqlType::Timestamptz => "::text::timestamptz",
        SqlType::Date => "::text::date",
        SqlType::TextArray => "::text[]",
        SqlType::Jsonb => "::text::jsonb",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_lists_own_three() {
        let mut binds = Binds::default();
        assert_eq!(binds.text(Some("a".into())), "$4");
        assert_eq!(binds.list(vec!["b".into()]), "$5::text[]");
    }
}
