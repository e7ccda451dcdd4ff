//! `beian`: Chinese website filing numbers.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod domain;
mod error;
pub mod number;
pub mod scan;
