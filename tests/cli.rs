//! The `beian` command line: exit statuses, JSON fields, error lines.
#![cfg(feature = "cli")]

use std::process::Command;

fn beian(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

#[test]
fn check_valid_and_invalid() {
    let (code, out, _) = beian(&[
        "check",
        "--json",
        "京ICP备11018762号-1",
        "川ICP备19011193号",
    ]);
    assert_eq!(code, 1);
    let v = json_lines(&out);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["canonical"], "京ICP备11018762号-1");
    assert_eq!(v[0]["kind"], "site");
    assert_eq!(v[0]["form"], "icp_record");
    assert_eq!(v[0]["province"]["name"], "北京");
    assert_eq!(v[0]["serial"], "11018762");
    assert_eq!(v[0]["year"], 2011);
    assert_eq!(v[0]["site"], "1");
    assert_eq!(v[0]["cdn_digits"], "11018762");
    assert_eq!(v[0]["placeholder"], false);
    assert_eq!(v[0]["warnings"], serde_json::json!([]));
    assert_eq!(v[1]["valid"], false);
    assert_eq!(v[1]["error"]["kind"], "province_variant");
    assert_eq!(v[1]["error"]["offset"], 0);
    assert_eq!(
        v[1]["error"]["message"],
        "province character '川' is a variant, the official character is '蜀'"
    );
    assert_eq!(v[1]["error"]["message_zh"], "省份简称“川”不规范，应为“蜀”");

    let (code, out, _) = beian(&["check", "粤B2-20090059-1626X"]);
    assert_eq!(code, 0);
    assert!(out.contains("kind       mini_program"), "{out}");
}

#[test]
fn check_points_at_the_error() {
    let (code, out, _) = beian(&["check", "京ICP备1101876号x"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "  京ICP备1101876号x");
    // 京 and 备 and 号 are two columns wide: the caret is under the x.
    assert_eq!(
        lines[2],
        format!(
            "  {}^ unexpected character 'x' after the number",
            " ".repeat(16)
        )
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(beian(&["check"]).0, 2);
    assert_eq!(beian(&["frobnicate"]).0, 2);
}

#[test]
fn scan_samples_and_unreadable_paths() {
    let (code, out, err) = beian(&["scan", "--json", "samples", "/no/such/file"]);
    assert_eq!(code, 1, "{err}");
    let v = json_lines(&out);
    let errors: Vec<_> = v.iter().filter(|o| o.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "/no/such/file");
    let gbk: Vec<_> = v
        .iter()
        .filter(|o| o["path"] == "samples/footer-gbk.html")
        .map(|o| o["canonical"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        gbk,
        [
            "沪ICP备15006375号-2",
            "沪公网安备31010402333815号",
            "沪B2-20090003",
            "沪ICP备16027065号-2",
            "合字B2-20190051"
        ]
    );
    for o in v.iter().filter(|o| o.get("canonical").is_some()) {
        for field in [
            "path",
            "offset",
            "length",
            "raw",
            "kind",
            "form",
            "province",
            "placeholder",
            "warnings",
        ] {
            assert!(o.get(field).is_some(), "{field} missing in {o}");
        }
    }
    assert!(err.contains("beian scan: 3 files"), "{err}");
    assert!(err.contains("1 errors"), "{err}");
}

/// `beian scan --json -`, its standard input to be written.
fn scan_stdin() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(["scan", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn scan_reads_stdin() {
    use std::io::Write;
    let mut child = scan_stdin();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("<p>京公网安备 11010502030143号</p>\u{ff}".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["path"], "-");
    assert_eq!(v[0]["offset"], 3);
    assert_eq!(v[0]["raw"], "京公网安备 11010502030143号");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// (offset, canonical) of every match in JSON lines, and the error lines' messages.
fn matches_and_errors(out: &str) -> (Vec<(u64, String)>, Vec<String>) {
    let v = json_lines(out);
    let found = v
        .iter()
        .filter(|o| o.get("canonical").is_some())
        .map(|o| {
            let at = o["offset"].as_u64().unwrap();
            (at, o["canonical"].as_str().unwrap().to_owned())
        })
        .collect();
    let errors = v
        .iter()
        .filter_map(|o| o.get("error").map(|e| e.as_str().unwrap().to_owned()))
        .collect();
    (found, errors)
}

#[test]
fn scan_reads_gzip_and_reports_truncation() {
    let dir = std::env::temp_dir().join(format!("beian-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read("samples/footer-utf8.html").unwrap();
    let plain = dir.join("page.html");
    std::fs::write(&plain, &page).unwrap();
    let (code, out, err) = beian(&["scan", "--json", plain.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (want, _) = matches_and_errors(&out);
    assert!(want.len() >= 3, "{out}");

    // The same page compressed: the same numbers at the same (decompressed) offsets.
    let gz = dir.join("page.html.gz");
    std::fs::write(&gz, gzip(&page)).unwrap();
    let (code, out, err) = beian(&["scan", "--json", gz.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(matches_and_errors(&out), (want.clone(), vec![]));

    // Two members one after the other: both are read.
    let mut two = gzip(&page);
    two.extend(gzip(&page));
    let both = dir.join("two.gz");
    std::fs::write(&both, two).unwrap();
    let (code, out, _) = beian(&["scan", "--json", both.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (found, _) = matches_and_errors(&out);
    assert_eq!(found.len(), 2 * want.len());
    let second = (want[0].0 + page.len() as u64, want[0].1.clone());
    assert_eq!(found[want.len()], second);

    // Zero padding after the last member ends the stream, as with `gzip -d`; other bytes
    // are an error line after all the numbers.
    let mut padded = gzip(&page);
    padded.extend([0u8; 1024]);
    let pad = dir.join("pad.gz");
    std::fs::write(&pad, padded).unwrap();
    let (code, out, _) = beian(&["scan", "--json", pad.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(matches_and_errors(&out), (want.clone(), vec![]));
    let mut junk = gzip(&page);
    junk.extend(b"trailing junk\n");
    let junk_path = dir.join("junk.gz");
    std::fs::write(&junk_path, junk).unwrap();
    let (code, out, _) = beian(&["scan", "--json", junk_path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let (found, errors) = matches_and_errors(&out);
    assert_eq!(found, want);
    assert_eq!(
        errors,
        ["gzip stream: bytes after the last member that start no gzip member"]
    );

    // Cut short: an error line for the file, exit status 1, and the numbers before the cut.
    let mut long = Vec::new();
    for _ in 0..200 {
        long.extend_from_slice(&page);
    }
    let mut z = gzip(&long);
    z.truncate(z.len() * 3 / 4);
    let cut = dir.join("cut.gz");
    std::fs::write(&cut, z).unwrap();
    let (code, out, _) = beian(&["scan", "--json", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    let (found, errors) = matches_and_errors(&out);
    assert_eq!(errors.len(), 1, "{out}");
    assert!(errors[0].starts_with("gzip stream: "), "{}", errors[0]);
    assert!(found.len() > 100 * want.len(), "{}", found.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Gzip on standard input whose first read brings a single byte: still read as gzip.
#[test]
fn scan_detects_gzip_across_short_reads() {
    use std::io::Write;
    let page = std::fs::read("samples/footer-utf8.html").unwrap();
    let z = gzip(&page);
    let mut child = scan_stdin();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&z[..1]).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    stdin.write_all(&z[1..]).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (found, errors) = matches_and_errors(&String::from_utf8(out.stdout).unwrap());
    assert!(errors.is_empty());
    assert!(found.len() >= 3, "{found:?}");
}

/// A pipe found while walking a directory is reported, not read (it could block forever);
/// one named on the command line is read.
#[cfg(unix)]
#[test]
fn pipes_are_read_only_when_named() {
    let dir = std::env::temp_dir().join(format!("beian-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "京ICP备11018762号").unwrap();
    let fifo = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        std::fs::remove_dir_all(&dir).unwrap();
        return; // no mkfifo here: nothing to test
    }
    let (code, out, _) = beian(&["scan", "--json", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let (found, errors) = matches_and_errors(&out);
    assert_eq!(found, [(0, "京ICP备11018762号".to_owned())]);
    assert_eq!(errors, ["not a file or directory"]);

    // Named: read what a writer puts in.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "京公网安备11010502030143号").unwrap())
    };
    let (code, out, _) = beian(&["scan", "--json", fifo.to_str().unwrap()]);
    writer.join().unwrap();
    assert_eq!(code, 0);
    let (found, _) = matches_and_errors(&out);
    assert_eq!(found, [(0, "京公网安备11010502030143号".to_owned())]);
    std::fs::remove_dir_all(&dir).unwrap();
}
