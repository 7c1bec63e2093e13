//! Arbitrary field values for property tests: strings with any code point (NUL included),
//! extreme and malformed dates and times, extreme numbers, wrong JSON types — and the table
//! of entity kinds those are fed through, one entry per kind (its wire names, the fields a
//! create needs, and each field's type). Nothing here asserts.

use chrono::{NaiveDate, Offset, SecondsFormat, TimeZone, Utc};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use crate::entities::{Kind, NOTE, PERSON, PLACE, TASK};

/// What a field holds, so its values are mostly of the right type (and sometimes not).
#[derive(Debug, Clone, Copy)]
pub enum Hint {
    Text,
    TextList,
    Bool,
    Instant,
    Date,
    /// A finite number within ± the limit (the read table's CHECK).
    Float(f64),
    Int,
    Enum(&'static [&'static str]),
    Id,
}

/// One entity kind as the property tests drive it.
pub struct KindSpec {
    pub kind: &'static Kind,
    /// The fields a valid create needs.
    pub base: fn() -> Value,
    /// (camelCase field, type, writable over GraphQL — else only by push).
    pub fields: &'static [(&'static str, Hint, bool)],
}

const STATUS: &[&str] = &["OPEN", "DONE", "CANCELLED"];
const PRIORITY: &[&str] = &["NONE", "LOW", "MEDIUM", "HIGH"];

/// Every kind, once.
pub const KINDS: [KindSpec; 4] = [
    KindSpec {
        kind: &NOTE,
        base: || json!({"title": "t"}),
        fields: &[("title", Hint::Text, true), ("body", Hint::Text, true), ("pinned", Hint::Bool, true), ("tags", Hint::TextList, true)],
    },
    KindSpec {
        kind: &TASK,
        base: || json!({"title": "t"}),
        fields: &[
            ("title", Hint::Text, true),
            ("notes", Hint::Text, true),
            ("status", Hint::Enum(STATUS), true),
            ("priority", Hint::Enum(PRIORITY), true),
            ("dueAt", Hint::Instant, true),
            ("completedAt", Hint::Instant, false),
            ("parentId", Hint::Id, true),
        ],
    },
    KindSpec {
        kind: &PERSON,
        base: || json!({"displayName": "Ada"}),
        fields: &[
            ("displayName", Hint::Text, true),
            ("emails", Hint::TextList, true),
            ("phones", Hint::TextList, true),
            ("birthday", Hint::Date, true),
            ("notes", Hint::Text, true),
        ],
    },
    KindSpec {
        kind: &PLACE,
        base: || json!({"name": "Home"}),
        fields: &[
            ("name", Hint::Text, true),
            ("address", Hint::Text, true),
            ("latitude", Hint::Float(90.0), true),
            ("longitude", Hint::Float(180.0), true),
            ("radiusM", Hint::Int, true),
            ("timeZone", Hint::Text, true),
        ],
    },
];

/// Any string: plain, any code point, with NUL inside, blank, around the length limits.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 @._+-]{0,12}",
        3 => any::<String>(),
        1 => (any::<String>(), any::<String>()).prop_map(|(a, b)| format!("{a}\u{0}{b}")),
        1 => "[ \t\u{a0}\u{3000}]{1,3}",
        1 => (190usize..=210).prop_map(|n| "é".repeat(n)),
        1 => (495usize..=505).prop_map(|n| "x".repeat(n)),
    ]
}

/// RFC 3339 times of any year chrono holds, any sub-second precision (leap seconds too),
/// any offset — plus a few malformed ones.
pub fn instant() -> impl Strategy<Value = String> {
    let year = prop_oneof![4 => 1900i32..2100, 1 => -2i32..=2, 1 => 9998i32..=10_001, 1 => Just(99_999), 1 => Just(-99_999), 1 => Just(262_142)];
    let nanos = prop_oneof![2 => Just(0u32), 2 => (0u32..1_000_000).prop_map(|us| us * 1_000), 1 => 0u32..1_000_000_000, 1 => 1_000_000_000u32..2_000_000_000];
    let parts = (year, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60, nanos, -14i32..=14);
    prop_oneof![
        8 => parts.prop_map(|(y, mo, d, h, mi, s, ns, off)| {
            let naive = NaiveDate::from_ymd_opt(y, mo, d).and_then(|day| day.and_hms_nano_opt(h, mi, s, ns));
            let offset = chrono::FixedOffset::east_opt(off * 3600).unwrap_or_else(|| Utc.fix());
            naive
                .and_then(|n| offset.from_local_datetime(&n).single())
                .map_or_else(|| "2026-01-01T00:00:00Z".to_owned(), |t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        }),
        1 => select(vec!["2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday", "", "2026-01-01", "1e9"]).prop_map(str::to_owned),
    ]
}

/// `YYYY-MM-DD` dates of any year chrono holds, plus malformed ones.
pub fn date() -> impl Strategy<Value = String> {
    let year = prop_oneof![4 => 1900i32..2100, 1 => -2i32..=2, 1 => 9998i32..=10_001, 1 => Just(-262_000), 1 => Just(262_142)];
    prop_oneof![
        8 => (year, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            NaiveDate::from_ymd_opt(y, m, d).map_or_else(|| format!("{y:04}-{m:02}-{d:02}"), |day| day.to_string())
        }),
        1 => select(vec!["2026-1-1", "01/02/2026", "", "2026-01-01T00:00:00Z"]).prop_map(str::to_owned),
    ]
}

fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -200.0f64..200.0,
        2 => any::<f64>().prop_filter("JSON holds finite numbers", |f| f.is_finite()),
        1 => select(vec![0.0, -0.0, 90.0, -90.0, 180.0, -180.0, 90.000_000_000_001, 5e-324, f64::MIN_POSITIVE, 1e300]),
    ]
}

fn int() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 0i64..2_000_000, 1 => -5i64..0, 1 => any::<i64>(), 1 => select(vec![i64::from(i32::MAX), i64::from(i32::MAX) + 1, i64::from(i32::MIN)])]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<u128>().prop_map(|n| ulid::Ulid(n >> 1).to_string()),
        1 => Just("8ZZZZZZZZZZZZZZZZZZZZZZZZZ".to_owned()),
        1 => text(),
    ]
}

/// Any JSON value, mostly of the wrong type for whatever field it lands in.
pub fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        int().prop_map(Value::from),
        float().prop_map(|f| json!(f)),
        text().prop_map(Value::from),
        vec(text(), 0..3).prop_map(|v| json!(v)),
        Just(json!({"nested": "\u{0}"})),
    ]
}

/// A value for a field of type `hint`: usually of that type, sometimes anything.
pub fn value_for(hint: Hint) -> BoxedStrategy<Value> {
    let typed: BoxedStrategy<Value> = match hint {
        Hint::Text => text().prop_map(Value::from).boxed(),
        Hint::TextList => vec(prop_oneof![3 => text(), 1 => Just("a@x.test".to_owned())], 0..4).prop_map(|v| json!(v)).boxed(),
        Hint::Bool => any::<bool>().prop_map(Value::from).boxed(),
        Hint::Instant => instant().prop_map(Value::from).boxed(),
        Hint::Date => date().prop_map(Value::from).boxed(),
        Hint::Float(_) => float().prop_map(|f| json!(f)).boxed(),
        Hint::Int => int().prop_map(Value::from).boxed(),
        Hint::Enum(values) => prop_oneof![4 => select(values).prop_map(Value::from), 1 => Just(json!("done"))].boxed(),
        Hint::Id => id().prop_map(Value::from).boxed(),
    };
    prop_oneof![6 => typed, 1 => Just(Value::Null), 1 => any_json()].boxed()
}

/// A field map over `spec`'s fields (those writable over GraphQL only, if `graphql`): any
/// subset, each with a value from [`value_for`], now and then with a field the kind lacks.
pub fn fields_for(spec: &KindSpec, graphql: bool) -> BoxedStrategy<Map<String, Value>> {
    let fields: Vec<(&'static str, Hint)> = spec.fields.iter().filter(|f| f.2 || !graphql).map(|f| (f.0, f.1)).collect();
    let count = fields.len();
    let strategies: Vec<BoxedStrategy<(String, Value)>> =
        fields.into_iter().map(|(name, hint)| value_for(hint).prop_map(move |v| (name.to_owned(), v)).boxed()).collect();
    let unknown = prop_oneof![9 => Just(None), 1 => ("[a-z]{1,8}", any_json()).prop_map(Some)];
    (vec(select((0..count).collect::<Vec<_>>()), 0..=count), strategies, unknown)
        .prop_map(|(picked, values, unknown)| {
            let mut map: Map<String, Value> = picked.into_iter().map(|i| values[i].clone()).collect();
            if let Some((key, value)) = unknown {
                map.entry(key).or_insert(value);
            }
            map
        })
        .boxed()
}
