//! `beian scan`.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use beian::Kind;
use beian::scan::{Match, scan_reader};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::json;

pub struct Options {
    pub json: bool,
    pub threads: Option<usize>,
    pub progress: bool,
    pub block: usize,
    pub paths: Vec<PathBuf>,
}

/// One thing to read.
enum Input {
    Stdin,
    File(PathBuf, u64),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File(p, _) => p.display().to_string(),
        }
    }
}

const KINDS: [Kind; 6] = [
    Kind::Entity,
    Kind::Site,
    Kind::App,
    Kind::MiniProgram,
    Kind::OtherService,
    Kind::Psb,
];

/// Counts shared by the workers.
#[derive(Default)]
struct Stats {
    files: AtomicU64,
    failed: AtomicU64,
    bytes: AtomicU64,
    placeholders: AtomicU64,
    kinds: [AtomicU64; 6],
}

struct Ctx<'a> {
    opts: &'a Options,
    stats: Stats,
    out: Mutex<io::Stdout>,
    bar: ProgressBar,
}

pub fn run(opts: Options) -> i32 {
    let start = Instant::now();
    let mut inputs = Vec::new();
    let mut walk_errors = Vec::new();
    if opts.paths.is_empty() {
        inputs.push(Input::Stdin);
    }
    for p in &opts.paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else {
            collect(p, true, &mut inputs, &mut walk_errors);
        }
    }
    let total: u64 = inputs
        .iter()
        .map(|i| match i {
            Input::File(_, len) => *len,
            Input::Stdin => 0,
        })
        .sum();
    let bar = if opts.progress && io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar
    } else {
        ProgressBar::hidden()
    };
    let ctx = Ctx {
        opts: &opts,
        stats: Stats::default(),
        out: Mutex::new(io::stdout()),
        bar,
    };
    for (path, err) in &walk_errors {
        ctx.stats.failed.fetch_add(1, Relaxed);
        report_error(&ctx, path, err);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build();
    let work = || inputs.par_iter().for_each(|input| scan_one(&ctx, input));
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
    ctx.bar.finish_and_clear();
    summary(&ctx.stats, start);
    if ctx.stats.failed.load(Relaxed) > 0 {
        1
    } else {
        0
    }
}

/// Adds `path` (a file, or a directory walked recursively) to `inputs`. A pipe or device is
/// read only when it is `named` on the command line (`<(zcat …)`); in a directory it could
/// block or never end.
fn collect(path: &Path, named: bool, inputs: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return errors.push((path.display().to_string(), e.to_string())),
    };
    if meta.is_file() {
        return inputs.push(Input::File(path.to_path_buf(), meta.len()));
    }
    if !meta.is_dir() {
        if named {
            return inputs.push(Input::File(path.to_path_buf(), 0));
        }
        return errors.push((path.display().to_string(), "not a file or directory".into()));
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => return errors.push((path.display().to_string(), e.to_string())),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => children.push(e),
            Err(e) => errors.push((path.display().to_string(), e.to_string())),
        }
    }
    children.sort_by_key(|e| e.file_name());
    for child in children {
        let p = child.path();
        match child.file_type() {
            // A link to a directory could loop: it is reported, not followed.
            Ok(t) if t.is_symlink() && p.is_dir() => errors.push((
                p.display().to_string(),
                "symbolic link to a directory, not followed".into(),
            )),
            Ok(_) => collect(&p, false, inputs, errors),
            Err(e) => errors.push((p.display().to_string(), e.to_string())),
        }
    }
}

/// Calls `count` with the number of bytes of each read.
struct Counting<R, F> {
    inner: R,
    count: F,
}

impl<R: Read, F: FnMut(u64)> Read for Counting<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.count)(n as u64);
        Ok(n)
    }
}

fn scan_one(ctx: &Ctx<'_>, input: &Input) {
    let name = input.name();
    let reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(io::stdin().lock()),
        Input::File(p, _) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                ctx.stats.failed.fetch_add(1, Relaxed);
                return report_error(ctx, &name, &e.to_string());
            }
        },
    };
    // The bar counts the bytes read from the file (so that it ends at the total size).
    let mut raw = Counting {
        inner: reader,
        count: |n| ctx.bar.inc(n),
    };
    // A gzip stream (magic bytes 1F 8B) is scanned decompressed, its members one after
    // another. The first two bytes decide, however the reads come.
    let head = match read_head(&mut raw) {
        Ok(head) => head,
        Err(e) => {
            ctx.stats.failed.fetch_add(1, Relaxed);
            return report_error(ctx, &name, &format!("read error: {e}"));
        }
    };
    let gzip = head == [0x1f, 0x8b];
    let trailing = std::cell::Cell::new(false);
    let raw = io::Cursor::new(head).chain(raw);
    let reader: Box<dyn Read + '_> = if gzip {
        // The decoder drops what one read decoded when that read fails: small reads keep
        // the loss before damage small.
        Box::new(Capped(Members::new(raw, &trailing)))
    } else {
        Box::new(raw)
    };
    let scanned = std::cell::Cell::new(0u64);
    let reader = Counting {
        inner: reader,
        count: |n| scanned.set(scanned.get() + n),
    };
    let mut buf = String::new();
    let result = scan_reader(reader, ctx.opts.block, |m| {
        line(ctx, &name, &m, &mut buf);
        if buf.len() > 1 << 16 {
            flush(ctx, &mut buf);
        }
    });
    flush(ctx, &mut buf);
    // Bytes scanned, of a failed input too (up to its error).
    ctx.stats.bytes.fetch_add(scanned.get(), Relaxed);
    match result {
        Ok(_) if trailing.get() => {
            ctx.stats.failed.fetch_add(1, Relaxed);
            let err = "gzip stream: bytes after the last member that start no gzip member";
            report_error(ctx, &name, err);
        }
        Ok(_) => {
            ctx.stats.files.fetch_add(1, Relaxed);
        }
        Err(e) => {
            ctx.stats.failed.fetch_add(1, Relaxed);
            // The decoder's own complaints: damaged or cut-short data.
            let damaged = matches!(
                e.kind(),
                io::ErrorKind::InvalidInput
                    | io::ErrorKind::InvalidData
                    | io::ErrorKind::UnexpectedEof
            );
            let what = if gzip && damaged {
                "gzip stream"
            } else {
                "read error"
            };
            report_error(ctx, &name, &format!("{what}: {e}"));
        }
    }
}

/// Up to the first two bytes of `r`, read until there are two or the input ends.
fn read_head(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = [0u8; 2];
    let mut n = 0;
    while n < 2 {
        match r.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(head[..n].to_vec())
}

/// The members of a gzip stream, decompressed one after another. After a member, the next
/// starts with the gzip magic bytes 1F 8B; anything else is trailing data and ends the stream,
/// as `gzip -d` ends it. Trailing zero bytes (the padding of tapes and some archivers) are
/// ignored; other trailing bytes set `trailing`: the data before them is whole, so all its
/// numbers are reported, and the caller reports the bytes as an error.
struct Members<'a, R: Read> {
    /// The member being read, or the input after one.
    state: Option<Member<R>>,
    trailing: &'a std::cell::Cell<bool>,
}

enum Member<R: Read> {
    In(flate2::bufread::GzDecoder<Peek<R>>),
    After(Peek<R>),
}

impl<'a, R: Read> Members<'a, R> {
    fn new(inner: R, trailing: &'a std::cell::Cell<bool>) -> Self {
        let peek = Peek {
            inner,
            buf: Vec::new(),
            pos: 0,
        };
        Members {
            state: Some(Member::In(flate2::bufread::GzDecoder::new(peek))),
            trailing,
        }
    }
}

impl<R: Read> Read for Members<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Ok(0),
                Some(Member::In(mut z)) => match z.read(buf) {
                    Ok(0) if !buf.is_empty() => self.state = Some(Member::After(z.into_inner())),
                    n => {
                        self.state = Some(Member::In(z));
                        return n;
                    }
                },
                Some(Member::After(mut r)) => {
                    // On an error the state stays, so that a retry reads on.
                    let next = match r.ensure(2) {
                        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
                        Err(e) => {
                            self.state = Some(Member::After(r));
                            return Err(e);
                        }
                    };
                    if next {
                        self.state = Some(Member::In(flate2::bufread::GzDecoder::new(r)));
                        continue;
                    }
                    match r.only_zeros() {
                        Ok(zeros) => {
                            self.trailing.set(!zeros);
                            return Ok(0);
                        }
                        Err(e) => {
                            self.state = Some(Member::After(r));
                            return Err(e);
                        }
                    }
                }
            }
        }
    }
}

/// A buffered reader that can look at its next bytes across refills.
struct Peek<R> {
    inner: R,
    buf: Vec<u8>,
    /// Where the unread bytes of `buf` start.
    pos: usize,
}

impl<R: Read> Peek<R> {
    /// Reads one more chunk into the buffer; false at the end of the input.
    fn more(&mut self) -> io::Result<bool> {
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        }
        let mut chunk = [0u8; 16 << 10];
        loop {
            match self.inner.read(&mut chunk) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The unread bytes, at least `n` of them unless the input ends first.
    fn ensure(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.pos < n && self.more()? {}
        Ok(&self.buf[self.pos..])
    }

    /// Reads the rest of the input: whether it is all zero bytes (reading stops at the first
    /// other byte).
    fn only_zeros(&mut self) -> io::Result<bool> {
        loop {
            if self.buf[self.pos..].iter().any(|&b| b != 0) {
                return Ok(false);
            }
            self.pos = self.buf.len();
            if !self.more()? {
                return Ok(true);
            }
        }
    }
}

impl<R: Read> Read for Peek<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = io::BufRead::fill_buf(self)?.len().min(out.len());
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl<R: Read> io::BufRead for Peek<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.buf.len() {
            self.more()?;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
}

/// Passes at most 8 KiB to each read of the inner reader.
struct Capped<R>(R);

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(8 << 10);
        self.0.read(&mut buf[..n])
    }
}

fn line(ctx: &Ctx<'_>, path: &str, m: &Match<'_>, buf: &mut String) {
    let kind = m.number.kind();
    if let Some(i) = KINDS.iter().position(|k| *k == kind) {
        ctx.stats.kinds[i].fetch_add(1, Relaxed);
    }
    if m.is_placeholder() {
        ctx.stats.placeholders.fetch_add(1, Relaxed);
    }
    let warnings: Vec<&str> = m.warnings.iter().map(|w| w.as_str()).collect();
    if ctx.opts.json {
        let mut v = crate::check::number_json(&m.number);
        v["path"] = json!(path);
        v["offset"] = json!(m.span.start);
        v["length"] = json!(m.span.len());
        v["raw"] = json!(m.raw);
        v["warnings"] = json!(warnings);
        buf.push_str(&v.to_string());
        buf.push('\n');
    } else {
        let mut notes = vec![kind.as_str()];
        if m.is_placeholder() {
            notes.push("placeholder");
        }
        notes.extend(warnings);
        buf.push_str(&format!(
            "{path}:{}: {} [{}]\n",
            m.span.start,
            m.number,
            notes.join(", ")
        ));
    }
}

fn flush(ctx: &Ctx<'_>, buf: &mut String) {
    if buf.is_empty() {
        return;
    }
    let out = ctx.out.lock().unwrap_or_else(|p| p.into_inner());
    // A closed pipe (`| head`) is not worth an error line per file.
    let _ = ctx.bar.suspend(|| out.lock().write_all(buf.as_bytes()));
    buf.clear();
}

fn report_error(ctx: &Ctx<'_>, path: &str, err: &str) {
    if ctx.opts.json {
        let mut s = json!({ "path": path, "error": err }).to_string();
        s.push('\n');
        let out = ctx.out.lock().unwrap_or_else(|p| p.into_inner());
        let _ = out.lock().write_all(s.as_bytes());
    } else {
        ctx.bar.suspend(|| eprintln!("beian: {path}: {err}"));
    }
}

fn summary(stats: &Stats, start: Instant) {
    let secs = start.elapsed().as_secs_f64();
    let bytes = stats.bytes.load(Relaxed);
    let kinds: Vec<String> = KINDS
        .iter()
        .zip(&stats.kinds)
        .map(|(k, n)| (k, n.load(Relaxed)))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {n}", k.as_str()))
        .collect();
    let found: u64 = stats.kinds.iter().map(|n| n.load(Relaxed)).sum();
    eprintln!(
        "beian scan: {} files, {} bytes, {found} numbers ({}; {} placeholders), {} errors, \
         {:.2} s, {:.1} MB/s",
        stats.files.load(Relaxed),
        bytes,
        if kinds.is_empty() {
            "none".into()
        } else {
            kinds.join(", ")
        },
        stats.placeholders.load(Relaxed),
        stats.failed.load(Relaxed),
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9),
    );
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    /// Gives one byte a read, and `Interrupted` every `every`-th call.
    struct Stutter {
        data: Vec<u8>,
        at: usize,
        calls: usize,
        every: usize,
    }

    impl Read for Stutter {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(self.every) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(1).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn members_survive_interrupted_reads() {
        let page = b"<p>\xe4\xba\xacICP\xe5\xa4\x8711018762\xe5\x8f\xb7</p>".repeat(50);
        let mut input = gzip(&page);
        input.extend(gzip(&page));
        input.extend(gzip(b""));
        input.extend(gzip(&page));
        for every in [2, 3, 5, 7, 1000] {
            let trailing = std::cell::Cell::new(false);
            let reader = Stutter {
                data: input.clone(),
                at: 0,
                calls: 0,
                every,
            };
            let mut out = Vec::new();
            Capped(Members::new(reader, &trailing))
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, page.repeat(3), "every {every}");
            assert!(!trailing.get());
        }
    }

    #[test]
    fn what_follows_the_last_member() {
        let page = b"text".repeat(10);
        let read = |tail: &[u8]| {
            let mut input = gzip(&page);
            input.extend(tail);
            let trailing = std::cell::Cell::new(false);
            let mut out = Vec::new();
            let result = Members::new(&input[..], &trailing).read_to_end(&mut out);
            (result.is_ok(), out == page, trailing.get())
        };
        // Zero padding, however long: the end.
        assert_eq!(read(&[0; 3]), (true, true, false));
        assert_eq!(read(&[0; 70_000]), (true, true, false));
        // Other bytes, a lone 1F among them, and a member after zeros: trailing data.
        assert_eq!(read(b"junk"), (true, true, true));
        assert_eq!(read(&[0x1f]), (true, true, true));
        let mut after_zeros = vec![0; 65_541];
        after_zeros.extend(gzip(&page));
        assert_eq!(read(&after_zeros), (true, true, true));
        // The start of a member that is cut short: an error.
        assert!(!read(&[0x1f, 0x8b]).0);
    }
}
