//! `beian domain`.

pub fn run(
    _json: bool,
    _inputs: &[String],
    _psl: Option<&std::path::Path>,
    _tlds: Option<&std::path::Path>,
) -> i32 {
    eprintln!("beian: the domain command is not built yet");
    2
}
