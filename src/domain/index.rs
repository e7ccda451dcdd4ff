//! A bulk index of filed names: "which filing covers this host?"

use super::error::DomainError;
use super::host::{Host, normalize};
use super::rules::Rules;
use super::table::{HASH_SEED, SuffixTable, hash_label};

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
/// One open-addressing table keyed by the normalised filed name, hashed label by label from
/// the right. A lookup normalises the host (no allocation for clean input), hashes its labels
/// once, tries the host itself, then each parent name that is a filed registrable domain: one
/// probe per label.
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
    table: SuffixTable<Option<Entry<V>>>,
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
            table: SuffixTable::default(),
        }
    }

    /// Sizes an empty index for `names` names, so that building it never rehashes (no effect
    /// once names were inserted: the table then grows by doubling).
    pub fn reserve(&mut self, names: usize) {
        if self.table.len() == 0 {
            self.table = SuffixTable::with_capacity(names);
        }
    }

    /// Adds a filed name (any form [`normalize`] accepts) with its value; a name filed twice
    /// keeps the last value. Errors when the name is not a host.
    pub fn insert(&mut self, filed: &str, value: V) -> Result<(), DomainError> {
        let host = normalize(filed)?;
        let registrable = !host.is_ip() && {
            let m = self.rules.suffix_match(host.as_str());
            m.tld_known() && m.registrable(super::Section::Icann) == Some(host.as_str())
        };
        *self.table.get_or_insert_with(host.as_str(), || None) = Some(Entry { value, registrable });
        Ok(())
    }

    /// Number of filed names.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
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
        let found = |hash: u64, key: &str, need_registrable: bool| {
            self.table
                .get(hash, key.as_bytes())
                .and_then(|e| match &e.value {
                    Some(entry) if !need_registrable || entry.registrable => Some(IndexMatch {
                        filed: self.table.key(e),
                        value: &entry.value,
                    }),
                    _ => None,
                })
        };
        if host.is_ip() {
            return found(super::table::hash_name(h), h, false);
        }
        // Hash every suffix once, right to left.
        let b = h.as_bytes();
        let mut hashes = [(0usize, 0u64); 128];
        let mut n = 0;
        let mut acc = HASH_SEED;
        let mut end = b.len();
        loop {
            let start = b[..end]
                .iter()
                .rposition(|&c| c == b'.')
                .map_or(0, |d| d + 1);
            acc = hash_label(acc, &b[start..end]);
            if n < hashes.len() {
                hashes[n] = (start, acc);
                n += 1;
            }
            if start == 0 {
                break;
            }
            end = start - 1;
        }
        let (start, full) = hashes[n - 1];
        if start == 0
            && let Some(m) = found(full, h, false)
        {
            return Some(m);
        }
        hashes[..n - 1]
            .iter()
            .rev()
            .find_map(|&(start, hash)| found(hash, &h[start..], true))
    }

    /// The heap memory held, in bytes: the table's slots, entries and key strings.
    pub fn approx_memory_bytes(&self) -> usize {
        self.table.memory_bytes()
    }
}
