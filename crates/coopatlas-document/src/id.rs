use std::fmt;

/// The id of a document: the BLAKE3 hash of its file's bytes, as 64 lowercase hex digits.
/// Identical content gets the identical id; any change of a byte gives a new one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DocumentId(String);

impl DocumentId {
    /// Length of the short form shown to people; long enough to be unique in any real atlas, and
    /// every command accepts any unique prefix.
    pub const SHORT: usize = 12;

    pub fn of(bytes: &[u8]) -> DocumentId {
        DocumentId(blake3::hash(bytes).to_hex().to_string())
    }

    /// Accepts a full id as stored (64 hex digits).
    pub fn parse(text: &str) -> Option<DocumentId> {
        (text.len() == 64 && text.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| DocumentId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn short(&self) -> &str {
        &self.0[..Self::SHORT]
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_same_id() {
        assert_eq!(DocumentId::of(b"abc"), DocumentId::of(b"abc"));
        assert_ne!(DocumentId::of(b"abc"), DocumentId::of(b"abd"));
        let id = DocumentId::of(b"abc");
        assert_eq!(DocumentId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(id.short().len(), 12);
        assert_eq!(DocumentId::parse("xyz"), None);
    }
}
