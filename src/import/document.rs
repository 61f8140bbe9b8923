//! A document file as the importer writes and re-reads it: front-matter fields in the
//! order editors expect (all YAML through `content::yaml`), then the Markdown body.

use crate::content::{front_matter, text, yaml};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The fields in the order they are written (the schema's own order); fields recto does not
/// know come after.
pub const ORDER: &[&str] = crate::content::documents::DOCUMENT_FIELDS;

/// Front-matter fields by name.
pub type Fields = BTreeMap<String, Value>;

/// Whether a value says nothing (and is left out of the file).
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Fields in writing order.
struct Ordered<'a>(Vec<(&'a str, &'a Value)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The full text of a document file.
pub fn render(fields: &Fields, body: &str) -> Result<String, String> {
    let mut ordered: Vec<(&str, &Value)> = Vec::new();
    for name in ORDER {
        if let Some(v) = fields.get(*name).filter(|v| !is_empty(v)) {
            ordered.push((name, v));
        }
    }
    for (name, v) in fields {
        if !ORDER.contains(&name.as_str()) && !is_empty(v) {
            ordered.push((name.as_str(), v));
        }
    }
    let yaml = yaml::to_string(&Ordered(ordered))?;
    let body = body.trim_start_matches('\n');
    Ok(format!("---\n{yaml}---\n\n{body}"))
}

/// A document file read back: its fields and its body.
#[derive(Debug, Clone)]
pub struct Existing {
    pub fields: Fields,
    pub body: String,
}

/// Reads a document file; `None` with a reason when it cannot be read as one.
pub fn parse(bytes: &[u8], shown: &Path) -> Result<Existing, String> {
    let text = text::decode(bytes, shown).map_err(|d| d.message)?;
    let split = front_matter::split(&text, shown).map_err(|d| d.message)?;
    let fields: Fields = yaml::parse(split.yaml, split.yaml_line, shown).map_err(|d| d.message)?;
    Ok(Existing {
        fields,
        body: split.body.to_string(),
    })
}

/// A short, stable fingerprint of a text.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of one field's value (absent and empty values are alike).
pub fn field_hash(value: Option<&Value>) -> String {
    match value.filter(|v| !is_empty(v)) {
        Some(v) => hash(&serde_json::to_string(v).unwrap_or_default())[..16].to_string(),
        None => "-".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_in_order_and_read_back() {
        let mut f = Fields::new();
        f.insert("title".into(), json!("Journal: for 17 December 1957"));
        f.insert("id".into(), json!("x"));
        f.insert("record_id".into(), json!("115956"));
        f.insert("date".into(), json!("1957-12-17"));
        f.insert("funders".into(), json!(["ROK Ministry of Unification"]));
        f.insert(
            "archive_ref_parts".into(),
            json!({"fond": "0102", "opis": "14"}),
        );
        f.insert("summary".into(), json!(""));
        let text = render(&f, "Body\n").unwrap();
        assert!(text.starts_with("---\nid: x\ntitle:"), "{text}");
        assert!(!text.contains("summary"));
        assert!(text.ends_with("---\n\nBody\n"));
        let back = parse(text.as_bytes(), Path::new("x.md")).unwrap();
        assert_eq!(back.fields.get("record_id"), Some(&json!("115956")));
        assert_eq!(back.fields.get("date"), Some(&json!("1957-12-17")));
        assert_eq!(
            back.fields.get("archive_ref_parts"),
            Some(&json!({"fond": "0102", "opis": "14"}))
        );
        assert_eq!(back.body, "\nBody\n");
        for (k, v) in &f {
            if !is_empty(v) {
                assert_eq!(field_hash(back.fields.get(k)), field_hash(Some(v)), "{k}");
            }
        }
    }
}
