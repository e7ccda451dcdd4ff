//! An open-addressing hash table keyed by domain names, hashed label by label from the right,
//! so that a walk over a host's suffixes (`cn`, `com.cn`, `example.com.cn`) hashes each label
//! once. Keys live in one string arena; slots hold a 32-bit tag and an entry index, so a miss
//! touches one slot only.

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of the empty name; fold labels into it with [`hash_label`].
pub(crate) const HASH_SEED: u64 = 0x243f_6a88_85a3_08d3;

/// Folds one label into the hash of the name to its right.
#[inline]
pub(crate) fn hash_label(h: u64, label: &[u8]) -> u64 {
    let mut h = (h ^ label.len() as u64).wrapping_mul(K);
    let mut rest = label;
    while rest.len() >= 8 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&rest[..8]);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        rest = &rest[8..];
    }
    if !rest.is_empty() {
        let n = rest.len();
        let w = if n >= 4 {
            let mut lo = [0u8; 4];
            let mut hi = [0u8; 4];
            lo.copy_from_slice(&rest[..4]);
            hi.copy_from_slice(&rest[n - 4..]);
            u64::from(u32::from_le_bytes(lo)) | (u64::from(u32::from_le_bytes(hi)) << 32)
        } else {
            u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
        };
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

/// Byte equality of two slices of the same length, without a library call for short keys.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n <= 16 {
        let word = |s: &[u8], at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&s[at..at + 8]);
            u64::from_le_bytes(w)
        };
        let half = |s: &[u8], at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&s[at..at + 4]);
            u32::from_le_bytes(w)
        };
        return if n >= 8 {
            word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8)
        } else if n >= 4 {
            half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4)
        } else {
            a.iter().zip(b).all(|(x, y)| x == y)
        };
    }
    a == b
}

/// The hash of a whole name (labels folded from the right).
pub(crate) fn hash_name(name: &str) -> u64 {
    name.rsplit('.')
        .fold(HASH_SEED, |h, label| hash_label(h, label.as_bytes()))
}

#[derive(Debug, Clone)]
pub(crate) struct Entry<V> {
    start: u32,
    len: u32,
    pub(crate) value: V,
}

#[derive(Debug, Clone)]
pub(crate) struct SuffixTable<V> {
    /// (tag, entry index + 1); index 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    entries: Vec<Entry<V>>,
    arena: String,
    shift: u32,
}

impl<V> Default for SuffixTable<V> {
    fn default() -> Self {
        SuffixTable::with_capacity(0)
    }
}

impl<V> SuffixTable<V> {
    pub(crate) fn with_capacity(n: usize) -> Self {
        let bits = (n.max(8) * 2).next_power_of_two().trailing_zeros();
        SuffixTable {
            slots: vec![(0, 0); 1 << bits],
            entries: Vec::with_capacity(n),
            arena: String::new(),
            shift: 64 - bits,
        }
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(K) >> self.shift) as usize
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn key(&self, e: &Entry<V>) -> &str {
        &self.arena[e.start as usize..(e.start + e.len) as usize]
    }

    /// The entry for `key`, whose hash is `h` (from [`hash_name`] or a [`hash_label`] fold).
    #[inline]
    pub(crate) fn get(&self, h: u64, key: &[u8]) -> Option<&Entry<V>> {
        let mask = self.slots.len() - 1;
        let tag = h as u32;
        let mut i = self.slot(h);
        loop {
            let (t, idx) = self.slots[i];
            if idx == 0 {
                return None;
            }
            if t == tag {
                let e = &self.entries[idx as usize - 1];
                let at = e.start as usize;
                if e.len as usize == key.len()
                    && same(&self.arena.as_bytes()[at..at + key.len()], key)
                {
                    return Some(e);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The value for `key`, inserted with `make` when absent.
    pub(crate) fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let h = hash_name(key);
        let mask = self.slots.len() - 1;
        let tag = h as u32;
        let mut i = self.slot(h);
        loop {
            let (t, idx) = self.slots[i];
            if idx == 0 {
                break;
            }
            if t == tag && self.key(&self.entries[idx as usize - 1]) == key {
                return &mut self.entries[idx as usize - 1].value;
            }
            i = (i + 1) & mask;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(key);
        self.entries.push(Entry {
            start,
            len: key.len() as u32,
            value: make(),
        });
        let n = self.entries.len();
        self.slots[i] = (tag, n as u32);
        if n * 2 > self.slots.len() {
            self.grow();
        }
        let last = self.entries.len() - 1;
        &mut self.entries[last].value
    }

    fn grow(&mut self) {
        let bits = (self.slots.len() * 2).trailing_zeros();
        self.shift = 64 - bits;
        self.slots = vec![(0, 0); 1 << bits];
        let mask = self.slots.len() - 1;
        for n in 0..self.entries.len() {
            let h = hash_name(self.key(&self.entries[n]));
            let mut i = self.slot(h);
            while self.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (h as u32, n as u32 + 1);
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.arena.shrink_to_fit();
    }

    /// Heap bytes held: slots, entries and the key arena.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.entries.capacity() * std::mem::size_of::<Entry<V>>()
            + self.arena.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_grow() {
        let mut t = SuffixTable::default();
        for i in 0..10_000 {
            *t.get_or_insert_with(&format!("n{i}.example.com"), || 0) += i;
        }
        assert_eq!(t.len(), 10_000);
        for i in 0..10_000 {
            let k = format!("n{i}.example.com");
            assert_eq!(t.get(hash_name(&k), k.as_bytes()).map(|e| e.value), Some(i));
        }
        assert!(t.get(hash_name("nope.com"), b"nope.com").is_none());
        let folded = hash_label(hash_label(hash_label(HASH_SEED, b"com"), b"example"), b"n1");
        assert_eq!(folded, hash_name("n1.example.com"));
    }
}
