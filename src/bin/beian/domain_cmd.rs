//! `beian domain`.
