//! The `beian` command-line tool.
mod domain_cmd;
fn main() {}
