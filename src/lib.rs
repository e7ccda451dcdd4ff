//! `beian`: Chinese website filing numbers.
//!
//! Every website served from mainland China shows an ICP filing number (`京ICP备11018762号`),
//! often a telecom licence (`粤B2-20090059`) and a public-security filing
//! (`京公网安备11010502030143号`). This crate:
//!
//! - reads one number exactly, as a registration form would: [`validate_number`] ([`number`]);
//! - finds every number in web pages in bulk, UTF-8 or GBK, through tags, entities and
//!   full-width forms: [`scan`];
//! - decides which domain needs filing for a host or URL: [`domain`].
//!
//! ```
//! let n = beian::validate_number("京ICP备11018762号-1").unwrap();
//! assert_eq!(n.province().unwrap().name(), "北京");
//! assert_eq!(n.cdn_digits(), "11018762");
//! ```
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod domain;
mod error;
mod fold;
pub mod number;
pub mod scan;

pub use error::{Error, ErrorKind, Part};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub use number::{
    Categories, Form, Kind, Number, OwnedNumber, Province, Warning, Warnings, is_valid,
    validate_number,
};
