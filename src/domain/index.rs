//! A bulk index of filed names: "which filing covers this host?"

use super::error::DomainError;
use super::host::{Host, normalize};
use super::rules::{FastMap, Rules};

/// A filing found by [`FilingIndex::lookup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexMatch<'i, V> {
    /// The filed name (normalised) that covers the host.
    pub filed: &'i str,
    /// The value stored with it (a filing number, a row id).
    pub value: &'i V,
}

#[derive(Debug, Clone)]
struct Entry<V> {
    value: V,
    /// A registrable domain: covers every name under it.
    registrable: bool,
}

/// An index of filed names (registrable domains, app-level names, IP addresses) answering
/// which filing covers a host, with the same meaning as [`Rules::covers`].
///
/// One hash map keyed by the normalised filed name. A lookup normalises the host (no
/// allocation for clean input), tries the host itself, then each parent name that is a filed
/// registrable domain: one hash lookup per label.
///
/// ```
/// use beian::domain::FilingIndex;
/// let mut index = FilingIndex::new();
/// index.insert("example.com", "京ICP备12345678号").unwrap();
/// index.insert("news.a.com.cn", "京ICP备00000001号-1A").unwrap();
/// assert_eq!(index.lookup("https://WWW.example.com/x").unwrap().value, &"京ICP备12345678号");
/// assert_eq!(index.lookup("news.a.com.cn").unwrap().filed, "news.a.com.cn");
/// assert!(index.lookup("x.news.a.com.cn").is_none());
/// ```
#[derive(Debug, Clone)]
pub struct FilingIndex<'r, V> {
    rules: &'r Rules,
    map: FastMap<Box<str>, Entry<V>>,
    key_bytes: usize,
}

impl<V> FilingIndex<'static, V> {
    /// An empty index using the shipped rules.
    pub fn new() -> Self {
        FilingIndex::with_rules(Rules::shared())
    }
}

impl<V> Default for FilingIndex<'static, V> {
    fn default() -> Self {
        FilingIndex::new()
    }
}

impl<'r, V> FilingIndex<'r, V> {
    /// An empty index using the given rules (to tell registrable domains from deeper names).
    pub fn with_rules(rules: &'r Rules) -> Self {
        FilingIndex {
            rules,
            map: FastMap::default(),
            key_bytes: 0,
        }
    }

    /// Reserves room for `additional` more names.
    pub fn reserve(&mut self, additional: usize) {
        self.map.reserve(additional);
    }

    /// Adds a filed name (any form [`normalize`] accepts) with its value; a name filed twice
    /// keeps the last value. Errors when the name is not a host.
    pub fn insert(&mut self, filed: &str, value: V) -> Result<(), DomainError> {
        let host = normalize(filed)?;
        let registrable = !host.is_ip() && {
            let m = self.rules.suffix_match(host.as_str());
            m.tld_known() && m.registrable(super::Section::Icann) == Some(host.as_str())
        };
        let key: Box<str> = host.as_str().into();
        let len = key.len();
        if self.map.insert(key, Entry { value, registrable }).is_none() {
            self.key_bytes += len;
        }
        Ok(())
    }

    /// Number of filed names.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The filing that covers a host or URL, if any: the host's own filing first, then the
    /// registrable domain above it.
    pub fn lookup(&self, host: &str) -> Option<IndexMatch<'_, V>> {
        let host = normalize(host).ok()?;
        self.lookup_host(&host)
    }

    /// As [`FilingIndex::lookup`], for a normalised host.
    pub fn lookup_host(&self, host: &Host<'_>) -> Option<IndexMatch<'_, V>> {
        let h = host.as_str();
        if let Some((k, e)) = self.map.get_key_value(h) {
            return Some(IndexMatch {
                filed: k,
                value: &e.value,
            });
        }
        if host.is_ip() {
            return None;
        }
        let mut rest = h;
        while let Some(d) = rest.find('.') {
            rest = &rest[d + 1..];
            if let Some((k, e)) = self.map.get_key_value(rest) {
                if e.registrable {
                    return Some(IndexMatch {
                        filed: k,
                        value: &e.value,
                    });
                }
            }
        }
        None
    }

    /// An estimate of the heap memory held, in bytes: the table's slots and the key strings.
    pub fn approx_memory_bytes(&self) -> usize {
        let slot = std::mem::size_of::<(Box<str>, Entry<V>)>() + 1;
        self.map.capacity() * slot + self.key_bytes
    }
}
