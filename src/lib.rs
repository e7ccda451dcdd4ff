//! `beian`: Chinese website filing numbers.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
pub mod number;
pub mod scan;
pub mod domain;


