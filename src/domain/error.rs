//! Errors of the domain module: input that is not a host, and data files that cannot be loaded.

use std::fmt;

/// Why an input is not a host name or IP address.
///
/// `#[non_exhaustive]`: new kinds may be added in minor releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DomainErrorKind {
    /// Nothing left once whitespace, scheme, user info, port and path are removed.
    Empty,
    /// A character that cannot appear in a host name.
    InvalidCharacter(char),
    /// Two dots in a row, or a dot at the start (or two at the end).
    EmptyLabel,
    /// A label longer than 63 bytes in its ASCII form.
    LabelTooLong,
    /// A name longer than 253 bytes in its ASCII form.
    NameTooLong,
    /// A label that starts or ends with `-`.
    HyphenAtEdge,
    /// The last label is all digits but the name is not a dotted-quad IPv4 address.
    NumericTld,
    /// Something in brackets, or with two or more colons, that is not an IPv6 address.
    InvalidIpv6,
    /// A port that is not a number from 0 to 65535.
    InvalidPort,
    /// A URL scheme (before `://`) that is not letters, digits, `+`, `-`, `.`.
    InvalidScheme,
    /// UTS-46 (IDNA) processing rejected the name, for example bad Punycode.
    Idna,
}

/// An input that is not a host: a [`DomainErrorKind`] and the byte offset in the input where
/// the problem was found.
///
/// `Display` gives a lowercase English message without a trailing period, quoting the
/// offending character; [`DomainError::message_zh`] gives the same in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}", self.message())]
pub struct DomainError {
    kind: DomainErrorKind,
    offset: usize,
}

impl DomainError {
    pub(crate) fn new(kind: DomainErrorKind, offset: usize) -> Self {
        DomainError { kind, offset }
    }

    /// What went wrong.
    pub fn kind(&self) -> DomainErrorKind {
        self.kind
    }

    /// Byte offset in the original input of the offending character, label or host.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// A stable machine-readable name of the kind, such as `invalid_character`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            DomainErrorKind::Empty => "empty",
            DomainErrorKind::InvalidCharacter(_) => "invalid_character",
            DomainErrorKind::EmptyLabel => "empty_label",
            DomainErrorKind::LabelTooLong => "label_too_long",
            DomainErrorKind::NameTooLong => "name_too_long",
            DomainErrorKind::HyphenAtEdge => "hyphen_at_edge",
            DomainErrorKind::NumericTld => "numeric_tld",
            DomainErrorKind::InvalidIpv6 => "invalid_ipv6",
            DomainErrorKind::InvalidPort => "invalid_port",
            DomainErrorKind::InvalidScheme => "invalid_scheme",
            DomainErrorKind::Idna => "idna",
        }
    }

    fn message(&self) -> String {
        let at = self.offset;
        match self.kind {
            DomainErrorKind::Empty => "empty host".to_string(),
            DomainErrorKind::InvalidCharacter(c) => {
                format!("invalid character {} at byte {at}", Quoted(c))
            }
            DomainErrorKind::EmptyLabel => format!("empty label at byte {at}"),
            DomainErrorKind::LabelTooLong => format!("label longer than 63 bytes at byte {at}"),
            DomainErrorKind::NameTooLong => "name longer than 253 bytes".to_string(),
            DomainErrorKind::HyphenAtEdge => {
                format!("label starts or ends with '-' at byte {at}")
            }
            DomainErrorKind::NumericTld => {
                format!("numeric top-level label at byte {at} but not an ipv4 address")
            }
            DomainErrorKind::InvalidIpv6 => format!("invalid ipv6 address at byte {at}"),
            DomainErrorKind::InvalidPort => format!("invalid port at byte {at}"),
            DomainErrorKind::InvalidScheme => format!("invalid url scheme at byte {at}"),
            DomainErrorKind::Idna => {
                format!("invalid internationalised name at byte {at} (uts-46)")
            }
        }
    }

    /// The message in Chinese (for registration forms).
    pub fn message_zh(&self) -> String {
        let at = self.offset;
        match self.kind {
            DomainErrorKind::Empty => "主机名为空".to_string(),
            DomainErrorKind::InvalidCharacter(c) => {
                format!("第 {at} 字节处的字符 {} 不能出现在域名中", Quoted(c))
            }
            DomainErrorKind::EmptyLabel => format!("第 {at} 字节处有空标签（连续的点或以点开头）"),
            DomainErrorKind::LabelTooLong => format!("第 {at} 字节处的标签超过 63 字节"),
            DomainErrorKind::NameTooLong => "域名超过 253 字节".to_string(),
            DomainErrorKind::HyphenAtEdge => format!("第 {at} 字节处的标签以 '-' 开头或结尾"),
            DomainErrorKind::NumericTld => {
                format!("第 {at} 字节处的顶级标签全为数字，但不是 IPv4 地址")
            }
            DomainErrorKind::InvalidIpv6 => format!("第 {at} 字节处的 IPv6 地址无效"),
            DomainErrorKind::InvalidPort => format!("第 {at} 字节处的端口无效"),
            DomainErrorKind::InvalidScheme => format!("第 {at} 字节处的网址协议无效"),
            DomainErrorKind::Idna => format!("第 {at} 字节处的国际化域名无效（UTS-46）"),
        }
    }
}

/// A character in single quotes, with control and invisible characters escaped.
struct Quoted(char);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if c.is_control() || c.is_whitespace() || c == '\'' || c == '\\' {
            write!(f, "'{}'", c.escape_default())
        } else {
            write!(f, "'{c}'")
        }
    }
}

/// A data file (public suffix list, approved-TLD list, platform list) that cannot be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of the file is not a valid entry.
    #[error("{file} line {line}: {reason}")]
    Line {
        /// Which file (its name or the label it was given).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong, lowercase, quoting the entry.
        reason: String,
    },
    /// The file has no entries at all.
    #[error("{file}: no entries")]
    Empty {
        /// Which file.
        file: String,
    },
}
