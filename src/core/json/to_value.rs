//! Serde data into a [`Value`] tree: how the Rust API hands its request types to the same input
//! reader the npm entry's JSON goes through. Strings, booleans, whole numbers, unit enum variants,
//! options, lists, maps and structs; `None` fields are left out, as `undefined` ones are in JS.

use super::Value;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// Why a value has no [`Value`] form (a type the request types never hold).
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value the request types do not hold")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// `value` as a tree; `None` (a value left out) reads as `null`.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Unsupported> {
    Ok(value.serialize(Tree)?.unwrap_or(Value::Null))
}

/// Serializes into `Some(value)`, or `None` for a value left out.
struct Tree;

type Out = Result<Option<Value>, Unsupported>;

/// A list being built.
struct List(Vec<Value>);

/// An object being built, with the key of the entry in progress.
struct Object(Vec<(String, Value)>, Option<String>);

impl ser::Serializer for Tree {
    type Ok = Option<Value>;
    type Error = Unsupported;
    type SerializeSeq = List;
    type SerializeTuple = Impossible<Option<Value>, Unsupported>;
    type SerializeTupleStruct = Impossible<Option<Value>, Unsupported>;
    type SerializeTupleVariant = Impossible<Option<Value>, Unsupported>;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Impossible<Option<Value>, Unsupported>;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(Some(Value::Bool(v)))
    }
    fn serialize_i8(self, v: i8) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Out {
        Ok(Some(Value::Number(u32::try_from(v).ok())))
    }
    fn serialize_u8(self, v: u8) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Out {
        Ok(Some(Value::Number(u32::try_from(v).ok())))
    }
    fn serialize_f32(self, _: f32) -> Out {
        Ok(Some(Value::Number(None)))
    }
    fn serialize_f64(self, _: f64) -> Out {
        Ok(Some(Value::Number(None)))
    }
    fn serialize_char(self, v: char) -> Out {
        Ok(Some(Value::String(v.into())))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(Some(Value::String(v.to_owned())))
    }
    fn serialize_bytes(self, _: &[u8]) -> Out {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Out {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Ok(Some(Value::Null))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Out {
        Err(Unsupported)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<List, Unsupported> {
        Ok(List(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Object, Unsupported> {
        Ok(Object(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Object, Unsupported> {
        Ok(Object(Vec::with_capacity(len), None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for List {
    type Ok = Option<Value>;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.0.push(value.serialize(Tree)?.unwrap_or(Value::Null));
        Ok(())
    }
    fn end(self) -> Out {
        Ok(Some(Value::Array(self.0)))
    }
}

impl Object {
    fn entry(&mut self, key: String, value: Option<Value>) {
        if let Some(value) = value {
            self.0.push((key, value));
        }
    }
}

impl ser::SerializeMap for Object {
    type Ok = Option<Value>;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        match key.serialize(Tree)? {
            Some(Value::String(key)) => {
                self.1 = Some(key);
                Ok(())
            }
            _ => Err(Unsupported),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.1.take().ok_or(Unsupported)?;
        // A map's `None` value is `null`, not left out: a map holds what it was given.
        let value = value.serialize(Tree)?.unwrap_or(Value::Null);
        self.entry(key, Some(value));
        Ok(())
    }
    fn end(self) -> Out {
        Ok(Some(Value::Object(self.0)))
    }
}

#[cfg(test)]
thread_local! {
    /// The fields serde left out (`skip_serializing_if`) since the last [`take_skipped`].
    static SKIPPED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The struct fields serde left out since the last call (tests: every field is seen, present or not).
#[cfg(test)]
pub(crate) fn take_skipped() -> Vec<&'static str> {
    SKIPPED.with(|skipped| std::mem::take(&mut *skipped.borrow_mut()))
}

impl ser::SerializeStruct for Object {
    type Ok = Option<Value>;
    type Error = Unsupported;
    #[cfg(test)]
    fn skip_field(&mut self, key: &'static str) -> Result<(), Unsupported> {
        SKIPPED.with(|skipped| skipped.borrow_mut().push(key));
        Ok(())
    }
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let value = value.serialize(Tree)?;
        self.entry(key.to_owned(), value);
        Ok(())
    }
    fn end(self) -> Out {
        Ok(Some(Value::Object(self.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[allow(non_camel_case_types)]
    enum Flow {
        USER_PASSWORD_AUTH,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Input {
        access_token: String,
        flow: Flow,
        client_metadata: Option<BTreeMap<String, String>>,
        items: Vec<Item>,
        force: bool,
        count: u32,
    }

    #[derive(Serialize)]
    struct Item {
        #[serde(rename = "Name")]
        name: String,
    }

    #[test]
    fn builds_the_tree_leaving_out_none() {
        let input = Input {
            access_token: "t".into(),
            flow: Flow::USER_PASSWORD_AUTH,
            client_metadata: None,
            items: vec![Item { name: "n".into() }],
            force: true,
            count: 7,
        };
        let s = |t: &str| Value::String(t.into());
        assert_eq!(
            to_value(&input).unwrap(),
            Value::Object(vec![
                ("AccessToken".into(), s("t")),
                ("Flow".into(), s("USER_PASSWORD_AUTH")),
                (
                    "Items".into(),
                    Value::Array(vec![Value::Object(vec![("Name".into(), s("n"))])])
                ),
                ("Force".into(), Value::Bool(true)),
                ("Count".into(), Value::Number(Some(7))),
            ])
        );
        let mut map = BTreeMap::new();
        map.insert("k".to_owned(), Some("v".to_owned()));
        map.insert("n".to_owned(), None);
        assert_eq!(
            to_value(&map).unwrap(),
            Value::Object(vec![("k".into(), s("v")), ("n".into(), Value::Null)])
        );
        assert_eq!(to_value(&-1i64).unwrap(), Value::Number(None));
        assert!(to_value(&(1, 2)).is_err());
    }
}
