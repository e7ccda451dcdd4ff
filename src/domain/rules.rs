//! The rule table: public suffix list, approved top-level domains and platform domains merged
//! into one hash map keyed by domain suffix, so that one walk over a host's labels answers every
//! question.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use super::classes::Dots;
use super::error::DataError;
use super::table::{HASH_SEED, SuffixTable, hash_label};

/// The public suffix list shipped in `data/` (see `data/README.md` for its date).
pub const SHIPPED_PSL: &str = include_str!("../../data/public_suffix_list.dat");
/// The approved-TLD list shipped in `data/` (a partial seed).
pub const SHIPPED_APPROVED_TLDS: &str = include_str!("../../data/approved-tlds.txt");
/// The list of top-level domains a source settles as not approved, shipped in `data/`.
pub const SHIPPED_UNAPPROVED_TLDS: &str = include_str!("../../data/unapproved-tlds.txt");
/// The provider platform domain list shipped in `data/`.
pub const SHIPPED_PLATFORMS: &str = include_str!("../../data/platforms.txt");

/// Version line of the shipped public suffix list.
pub const SHIPPED_PSL_VERSION: &str = "2026-10-22_08-36-41_UTC (commit 8437e526)";

const SHIPPED_APPROVED_NAME: &str = "data/approved-tlds.txt (partial seed compiled 2026-11-22)";

// Node flags.
pub(crate) const ICANN_RULE: u16 = 1;
pub(crate) const ICANN_WILD: u16 = 1 << 1;
pub(crate) const ICANN_EXC: u16 = 1 << 2;
pub(crate) const PRIV_RULE: u16 = 1 << 3;
pub(crate) const PRIV_WILD: u16 = 1 << 4;
pub(crate) const PRIV_EXC: u16 = 1 << 5;
pub(crate) const CHILDREN: u16 = 1 << 6;
pub(crate) const PLATFORM: u16 = 1 << 7;
pub(crate) const APPROVED: u16 = 1 << 8;
pub(crate) const REFUSED: u16 = 1 << 9;

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub(crate) flags: u16,
    /// Index into `sources` for the approval entry.
    pub(crate) tld_source: u16,
    /// Index into `orgs` for a private-section rule.
    pub(crate) org: u32,
    /// Index into `platforms` for a platform domain.
    pub(crate) platform: u32,
}

impl Default for Node {
    fn default() -> Self {
        Node {
            flags: 0,
            tld_source: 0,
            org: NONE,
            platform: NONE,
        }
    }
}

/// A provider platform domain from the platform list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlatformEntry {
    pub(crate) provider: Box<str>,
    pub(crate) source: Box<str>,
}

/// Which part of the public suffix list a lookup uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// The ICANN section only: the answer used for the filing subject.
    Icann,
    /// ICANN and private sections together (the list as browsers use it).
    All,
}

/// The answer of a public suffix lookup on a normalised ASCII host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuffixMatch<'h> {
    host: &'h str,
    icann: usize,
    all: usize,
    known: bool,
}

impl<'h> SuffixMatch<'h> {
    /// The public suffix under the given section. Unknown top-level domains resolve through
    /// the PSL's implicit `*` rule here (the TLD is the suffix); check [`SuffixMatch::tld_known`].
    pub fn suffix(&self, section: Section) -> &'h str {
        &self.host[self.start(section)..]
    }

    /// The registrable domain (suffix plus one label), or `None` when the host is itself a
    /// public suffix.
    pub fn registrable(&self, section: Section) -> Option<&'h str> {
        let s = self.start(section);
        if s == 0 {
            return None;
        }
        let head = &self.host[..s - 1];
        Some(&self.host[head.rfind('.').map_or(0, |d| d + 1)..])
    }

    /// Whether the top-level domain is in the list (false: only the implicit `*` rule matched).
    pub fn tld_known(&self) -> bool {
        self.known
    }

    fn start(&self, section: Section) -> usize {
        match section {
            Section::Icann => self.icann,
            Section::All => self.all,
        }
    }
}

/// Everything one walk over a host's labels learns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Walk<'h> {
    /// The host's dots.
    pub(crate) dots: Dots<'h>,
    /// Start of the last label.
    pub(crate) tld: usize,
    pub(crate) icann: usize,
    pub(crate) all: usize,
    pub(crate) known: bool,
    /// Start of the shortest platform domain strictly containing the host, and its index.
    pub(crate) platform: Option<(usize, u32)>,
    /// Private-section organisation of the longest private rule matched.
    pub(crate) org: u32,
    /// The longest approval entry within the ICANN suffix: (start, flags, source).
    pub(crate) approval: Option<(usize, u16, u16)>,
}

/// The merged rule data: public suffix list, approved and unapproved top-level domains, and
/// provider platform domains.
///
/// [`Rules::shared`] gives the shipped data, parsed once; [`Rules::builder`] replaces any part
/// with a newer file at run time.
#[derive(Debug, Clone)]
pub struct Rules {
    pub(crate) table: SuffixTable<Node>,
    pub(crate) orgs: Vec<Box<str>>,
    pub(crate) platforms: Vec<PlatformEntry>,
    pub(crate) sources: Vec<Box<str>>,
    pub(crate) approved_name: Box<str>,
    pub(crate) approved_complete: bool,
    pub(crate) psl_name: Box<str>,
}

impl Default for Rules {
    /// The shipped data (parsed anew; prefer [`Rules::shared`], which parses once).
    fn default() -> Self {
        Rules::shared().clone()
    }
}

static SHARED: OnceLock<Rules> = OnceLock::new();

impl Rules {
    /// The rules built from the shipped data files, parsed on first use.
    pub fn shared() -> &'static Rules {
        SHARED.get_or_init(|| {
            Rules::builder()
                .build()
                .expect("shipped data files are valid (tested)")
        })
    }

    /// A builder that starts from the shipped data files.
    pub fn builder() -> RulesBuilder {
        RulesBuilder {
            psl: (
                Cow::Borrowed(SHIPPED_PSL),
                Cow::Borrowed("data/public_suffix_list.dat"),
            ),
            approved: (
                Cow::Borrowed(SHIPPED_APPROVED_TLDS),
                Cow::Borrowed(SHIPPED_APPROVED_NAME),
                false,
            ),
            unapproved: (
                Cow::Borrowed(SHIPPED_UNAPPROVED_TLDS),
                Cow::Borrowed("data/unapproved-tlds.txt"),
            ),
            platforms: (
                Cow::Borrowed(SHIPPED_PLATFORMS),
                Cow::Borrowed("data/platforms.txt"),
            ),
        }
    }

    /// The name of the approved-TLD list in use (file and date).
    pub fn approved_list_name(&self) -> &str {
        &self.approved_name
    }

    /// Whether the approved-TLD list in use is complete (a suffix absent from it is then
    /// "not approved" rather than "unknown").
    pub fn approved_list_complete(&self) -> bool {
        self.approved_complete
    }

    /// The name of the public suffix list in use.
    pub fn psl_name(&self) -> &str {
        &self.psl_name
    }

    /// Public suffix lookup on a normalised host (lowercase ASCII, no trailing dot, as
    /// [`crate::domain::Host::as_str`] gives).
    pub fn suffix_match<'h>(&self, host: &'h str) -> SuffixMatch<'h> {
        let w = self.walk(host);
        SuffixMatch {
            host,
            icann: w.icann,
            all: w.all,
            known: w.known,
        }
    }

    /// One pass from the top-level label leftwards, one hash lookup per label, stopping at the
    /// first suffix no rule extends.
    #[inline(always)]
    pub(crate) fn walk<'h>(&self, host: &'h str) -> Walk<'h> {
        let b = host.as_bytes();
        let mut w = Walk {
            dots: Dots::new(b),
            tld: 0,
            icann: b.len(),
            all: b.len(),
            known: false,
            platform: None,
            org: NONE,
            approval: None,
        };
        // The implicit "*" rule: the root acts as a wildcard parent.
        let mut parent = ICANN_WILD | PRIV_WILD;
        let mut parent_org = NONE;
        let mut prev = b.len();
        let mut icann_done = false;
        let mut all_done = false;
        let mut end = b.len();
        let mut first = true;
        let mut approval = None;
        let mut h = HASH_SEED;
        loop {
            let start = w.dots.last_before(end).map_or(0, |d| d + 1);
            h = hash_label(h, &b[start..end]);
            let node = self
                .table
                .get(h, &b[start..])
                .map_or_else(Node::default, |e| e.value);
            let f = node.flags;
            if first {
                w.tld = start;
                w.known = f & (ICANN_RULE | PRIV_RULE | ICANN_WILD | PRIV_WILD) != 0;
                first = false;
            }
            // The longest approval entry seen so far, before and after this label.
            let before = approval;
            if f & (APPROVED | REFUSED) != 0 {
                approval = Some((start, f, node.tld_source));
            }
            if !icann_done {
                if f & ICANN_EXC != 0 {
                    w.icann = prev;
                    w.approval = before;
                    icann_done = true;
                } else if f & ICANN_RULE != 0 || parent & ICANN_WILD != 0 {
                    w.icann = start;
                    w.approval = approval;
                }
            }
            if !all_done {
                if f & (ICANN_EXC | PRIV_EXC) != 0 {
                    w.all = prev;
                    all_done = true;
                } else if f & (ICANN_RULE | PRIV_RULE) != 0
                    || parent & (ICANN_WILD | PRIV_WILD) != 0
                {
                    w.all = start;
                    if f & PRIV_RULE != 0 {
                        w.org = node.org;
                    } else if parent & PRIV_WILD != 0 {
                        w.org = parent_org;
                    }
                }
            }
            if f & PLATFORM != 0 && start > 0 && w.platform.is_none() {
                w.platform = Some((start, node.platform));
            }
            if start == 0 || f & CHILDREN == 0 {
                break;
            }
            parent = f;
            parent_org = node.org;
            prev = start;
            end = start - 1;
        }
        w
    }

    pub(crate) fn org(&self, i: u32) -> Option<&str> {
        self.orgs.get(i as usize).map(|s| &**s)
    }

    pub(crate) fn platform(&self, i: u32) -> Option<&PlatformEntry> {
        self.platforms.get(i as usize)
    }

    pub(crate) fn source(&self, i: u16) -> &str {
        self.sources.get(i as usize).map_or("", |s| &**s)
    }

    fn entry(&mut self, key: &str) -> &mut Node {
        // Mark every proper suffix of the key as having children.
        let mut rest = key;
        while let Some(d) = rest.find('.') {
            rest = &rest[d + 1..];
            self.table.get_or_insert_with(rest, Node::default).flags |= CHILDREN;
        }
        self.table.get_or_insert_with(key, Node::default)
    }

    fn add_source(&mut self, s: &str) -> u16 {
        if let Some(i) = self.sources.iter().position(|x| &**x == s) {
            return i as u16;
        }
        self.sources.push(s.into());
        (self.sources.len() - 1) as u16
    }
}

/// Builds [`Rules`] from the shipped data files, replacing any of them with a newer text or
/// file.
///
/// ```
/// use beian::domain::Rules;
/// let rules = Rules::builder()
///     .approved_tlds("com\ncn\n", "my list (2026-11-22)", true)
///     .build()
///     .unwrap();
/// assert!(rules.approved_list_complete());
/// ```
#[derive(Debug, Clone)]
pub struct RulesBuilder {
    psl: (Cow<'static, str>, Cow<'static, str>),
    approved: (Cow<'static, str>, Cow<'static, str>, bool),
    unapproved: (Cow<'static, str>, Cow<'static, str>),
    platforms: (Cow<'static, str>, Cow<'static, str>),
}

fn read(path: &Path) -> Result<String, DataError> {
    std::fs::read_to_string(path).map_err(|source| DataError::Io {
        path: path.display().to_string(),
        source,
    })
}

impl RulesBuilder {
    /// Uses this public suffix list text (the official `public_suffix_list.dat` format).
    pub fn psl(mut self, text: &str, name: &str) -> Self {
        self.psl = (Cow::Owned(text.to_owned()), Cow::Owned(name.to_owned()));
        self
    }

    /// Reads the public suffix list from a file.
    pub fn psl_file(self, path: &Path) -> Result<Self, DataError> {
        let text = read(path)?;
        Ok(self.psl(&text, &path.display().to_string()))
    }

    /// Uses this approved-TLD list: one suffix a line (`com`, `com.cn`, Unicode or Punycode),
    /// `#` comments, a comment line `# ---- NAME ----` starting a section reported as the
    /// source of its entries. `complete` says whether a suffix absent from the list is
    /// "not approved" (true, for the authoritative list) or "unknown" (false).
    pub fn approved_tlds(mut self, text: &str, name: &str, complete: bool) -> Self {
        self.approved = (
            Cow::Owned(text.to_owned()),
            Cow::Owned(name.to_owned()),
            complete,
        );
        self
    }

    /// Reads the authoritative approved-TLD list from a file (treated as complete).
    pub fn approved_tlds_file(self, path: &Path) -> Result<Self, DataError> {
        let text = read(path)?;
        Ok(self.approved_tlds(&text, &path.display().to_string(), true))
    }

    /// Uses this list of suffixes settled as not approved (same format as the approved list).
    pub fn unapproved_tlds(mut self, text: &str, name: &str) -> Self {
        self.unapproved = (Cow::Owned(text.to_owned()), Cow::Owned(name.to_owned()));
        self
    }

    /// Uses this platform list: `domain|provider|source` a line, `#` comments.
    pub fn platforms(mut self, text: &str, name: &str) -> Self {
        self.platforms = (Cow::Owned(text.to_owned()), Cow::Owned(name.to_owned()));
        self
    }

    /// Parses everything into [`Rules`].
    pub fn build(self) -> Result<Rules, DataError> {
        let mut r = Rules {
            table: SuffixTable::with_capacity(16_000),
            orgs: Vec::new(),
            platforms: Vec::new(),
            sources: Vec::new(),
            approved_name: self.approved.1.as_ref().into(),
            approved_complete: self.approved.2,
            psl_name: self.psl.1.as_ref().into(),
        };
        parse_psl(&mut r, &self.psl.0, &self.psl.1)?;
        parse_tlds(&mut r, &self.approved.0, &self.approved.1, APPROVED)?;
        parse_tlds(&mut r, &self.unapproved.0, &self.unapproved.1, REFUSED)?;
        parse_platforms(&mut r, &self.platforms.0, &self.platforms.1)?;
        r.table.shrink_to_fit();
        Ok(r)
    }
}

fn line_error(file: &str, line: usize, reason: String) -> DataError {
    DataError::Line {
        file: file.to_owned(),
        line,
        reason,
    }
}

/// Lowercase ASCII form of a list entry (Unicode entries go through UTS-46).
fn entry_ascii(name: &str) -> Option<String> {
    if name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        let s = name.to_ascii_lowercase();
        if s.split('.').any(str::is_empty) {
            return None;
        }
        return Some(s);
    }
    let s = idna::domain_to_ascii(name).ok()?;
    if s.is_empty() || s.split('.').any(str::is_empty) {
        return None;
    }
    Some(s)
}

fn parse_psl(r: &mut Rules, text: &str, file: &str) -> Result<(), DataError> {
    let mut private = false;
    let mut org = NONE;
    let mut after_blank = true;
    let mut rules = 0usize;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        if let Some(comment) = line.strip_prefix("//") {
            let comment = comment.trim();
            if comment.contains("===BEGIN PRIVATE DOMAINS===") {
                private = true;
            } else if comment.contains("===BEGIN ICANN DOMAINS===") {
                private = false;
            } else if private && after_blank {
                let name = comment.split(" : ").next().unwrap_or(comment).trim();
                r.orgs.push(name.into());
                org = (r.orgs.len() - 1) as u32;
            }
            after_blank = false;
            continue;
        }
        after_blank = false;
        // A rule ends at the first whitespace.
        let rule = line.split_whitespace().next().unwrap_or(line);
        let (exception, rest) = match rule.strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, rule),
        };
        let (wild, rest) = match rest.strip_prefix("*.") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if rest.contains('*') || rest.contains('!') || (exception && wild) {
            return Err(line_error(
                file,
                n + 1,
                format!("unsupported rule '{rule}'"),
            ));
        }
        let Some(key) = entry_ascii(rest) else {
            return Err(line_error(file, n + 1, format!("invalid rule '{rule}'")));
        };
        if exception && !key.contains('.') {
            return Err(line_error(
                file,
                n + 1,
                format!("exception rule at the top level '{rule}'"),
            ));
        }
        let flag = match (private, wild, exception) {
            (false, false, false) => ICANN_RULE,
            (false, true, _) => ICANN_WILD,
            (false, false, true) => ICANN_EXC,
            (true, false, false) => PRIV_RULE,
            (true, true, _) => PRIV_WILD,
            (true, false, true) => PRIV_EXC,
        };
        let node = r.entry(&key);
        node.flags |= flag;
        if wild {
            // "*.x" means x has children under every label.
            node.flags |= CHILDREN;
        }
        if private {
            node.org = org;
        }
        rules += 1;
    }
    if rules == 0 {
        return Err(DataError::Empty {
            file: file.to_owned(),
        });
    }
    Ok(())
}

fn parse_tlds(r: &mut Rules, text: &str, file: &str, flag: u16) -> Result<(), DataError> {
    let mut source = r.add_source(file);
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(comment) = line.strip_prefix('#') {
            let c = comment.trim();
            if let Some(name) = c.strip_prefix("----") {
                let name = name.trim_end_matches('-').trim();
                source = r.add_source(&format!("{file}: {name}"));
            }
            continue;
        }
        let entry = line.split_whitespace().next().unwrap_or("");
        if entry.is_empty() {
            continue;
        }
        let entry = entry.strip_prefix('.').unwrap_or(entry);
        let Some(key) = entry_ascii(entry) else {
            return Err(line_error(file, n + 1, format!("invalid suffix '{entry}'")));
        };
        let node = r.entry(&key);
        node.flags |= flag;
        node.tld_source = source;
    }
    Ok(())
}

fn parse_platforms(r: &mut Rules, text: &str, file: &str) -> Result<(), DataError> {
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|').map(str::trim);
        let (Some(domain), Some(provider), Some(source)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(line_error(
                file,
                n + 1,
                format!("expected 'domain|provider|source', got '{line}'"),
            ));
        };
        let Some(key) = entry_ascii(domain) else {
            return Err(line_error(
                file,
                n + 1,
                format!("invalid domain '{domain}'"),
            ));
        };
        r.platforms.push(PlatformEntry {
            provider: provider.into(),
            source: source.into(),
        });
        let idx = (r.platforms.len() - 1) as u32;
        let node = r.entry(&key);
        node.flags |= PLATFORM;
        node.platform = idx;
    }
    Ok(())
}
