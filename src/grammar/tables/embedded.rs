//! The grammar's TOML tables as build.rs parsed them: one static tree of [`Node`]s per file
//! (`EMBEDDED`, generated into `OUT_DIR`), read into the tables' rows by a small serde
//! deserialiser. Start-up so parses no TOML: it walks statics. The TOML files under
//! `grammar/` stay the one source of truth, and a unit test holds every tree equal to its
//! file parsed at run time.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// A TOML value as build.rs wrote it out.
#[derive(Debug)]
pub(crate) enum Node {
    /// A string.
    S(&'static str),
    /// An integer.
    I(i64),
    /// A boolean.
    B(bool),
    /// An array.
    A(&'static [Node]),
    /// A table: (key, value) in key order.
    T(&'static [(&'static str, Node)]),
}

include!(concat!(env!("OUT_DIR"), "/grammar_tables.rs"));

/// The tree of the table file `name` ("units.toml").
pub(crate) fn tree(name: &str) -> Option<&'static Node> {
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| t)
}

impl Node {
    /// The strings of the array under `key` of a table (none when there is no such array).
    pub(crate) fn strings(&'static self, key: &str) -> impl Iterator<Item = &'static str> {
        let items: &'static [Node] = match self {
            Node::T(entries) => match entries.iter().find(|(k, _)| *k == key) {
                Some((_, Node::A(items))) => items,
                _ => &[],
            },
            _ => &[],
        };
        items.iter().filter_map(|n| match n {
            Node::S(s) => Some(*s),
            _ => None,
        })
    }
}

/// `v` as a tree, leaked so that rows can borrow its strings as they borrow the embedded
/// trees' (the tests' run-time TOML path).
#[cfg(test)]
pub(crate) fn leak(v: &toml::Value) -> &'static Node {
    fn node(v: &toml::Value) -> Node {
        let text = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        match v {
            toml::Value::String(s) => Node::S(text(s)),
            toml::Value::Integer(i) => Node::I(*i),
            toml::Value::Boolean(b) => Node::B(*b),
            toml::Value::Array(a) => Node::A(Vec::leak(a.iter().map(node).collect())),
            toml::Value::Table(t) => Node::T(Vec::leak(
                t.iter().map(|(k, x)| (text(k), node(x))).collect(),
            )),
            other => panic!("{other:?}: the tables hold no such value"),
        }
    }
    Box::leak(Box::new(node(v)))
}

/// Reads a tree into rows.
pub(crate) fn from_tree<T: serde::Deserialize<'static>>(node: &'static Node) -> Result<T, Error> {
    T::deserialize(node)
}

/// Why a tree does not fit the rows (a table that no longer matches its schema).
#[derive(Debug)]
pub(crate) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<M: std::fmt::Display>(msg: M) -> Error {
        Error(msg.to_string())
    }
}

/// A table's key, handed to the rows as a borrowed string (so rows can keep it).
struct Key<'de>(&'de str);

impl<'de> IntoDeserializer<'de, Error> for Key<'de> {
    type Deserializer = serde::de::value::BorrowedStrDeserializer<'de, Error>;
    fn into_deserializer(self) -> Self::Deserializer {
        serde::de::value::BorrowedStrDeserializer::new(self.0)
    }
}

impl<'de> IntoDeserializer<'de, Error> for &'de Node {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> serde::Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::S(s) => visitor.visit_borrowed_str(s),
            Node::I(i) => visitor.visit_i64(*i),
            Node::B(b) => visitor.visit_bool(*b),
            Node::A(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            Node::T(entries) => {
                let mut map = MapDeserializer::new(entries.iter().map(|(k, v)| (Key(k), v)));
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
        }
    }

    /// A value that is there is `Some` (a missing key is the rows' `#[serde(default)]`).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant written as its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::S(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(*s)),
            _ => self.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}
