//! Table tests of the filing rules (`shared/spec/domains.md` numbering in the `rule` field)
//! and of host normalisation, with exact fields and exact error texts.

use beian::domain::{
    DomainErrorKind, FilingIndex, PlatformList, Reason, Rules, TldStatus, covers, decide, normalize,
};

/// One decision case. `rule` names the rule it checks.
struct Case {
    rule: &'static str,
    input: &'static str,
    host: &'static str,
    registrable: Option<&'static str>,
    level: Option<usize>,
    website: Option<&'static str>,
    app: Option<&'static str>,
    reason: Option<&'static str>,
    tld: Option<TldStatus>,
}

const A: Option<TldStatus> = Some(TldStatus::Approved);
const U: Option<TldStatus> = Some(TldStatus::Unknown);
const N: Option<TldStatus> = Some(TldStatus::NotApproved);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Rule 1: filing is by registrable domain; subdomains are covered.
    Case { rule: "1 registrable domain", input: "www.example.com", host: "www.example.com", registrable: Some("example.com"), level: Some(3), website: Some("example.com"), app: Some("www.example.com"), reason: None, tld: A },
    Case { rule: "1 registrable domain, multi-label suffix", input: "mail.example.com.cn", host: "mail.example.com.cn", registrable: Some("example.com.cn"), level: Some(3), website: Some("example.com.cn"), app: Some("mail.example.com.cn"), reason: None, tld: A },
    Case { rule: "1 upper case (psl crates get COM.CN wrong)", input: "WWW.EXAMPLE.COM.CN", host: "www.example.com.cn", registrable: Some("example.com.cn"), level: Some(3), website: Some("example.com.cn"), app: Some("www.example.com.cn"), reason: None, tld: A },
    Case { rule: "1 url with scheme, user, port, path", input: "https://user:pw@Blog.Example.com:8443/a/b?c=d#e", host: "blog.example.com", registrable: Some("example.com"), level: Some(3), website: Some("example.com"), app: Some("blog.example.com"), reason: None, tld: A },
    Case { rule: "1 trailing dot and whitespace", input: "  example.net.\n", host: "example.net", registrable: Some("example.net"), level: Some(2), website: Some("example.net"), app: Some("example.net"), reason: None, tld: A },
    Case { rule: "1 unicode idn", input: "www.例子.中国", host: "www.xn--fsqu00a.xn--fiqs8s", registrable: Some("xn--fsqu00a.xn--fiqs8s"), level: Some(3), website: Some("xn--fsqu00a.xn--fiqs8s"), app: Some("www.xn--fsqu00a.xn--fiqs8s"), reason: None, tld: A },
    Case { rule: "1 punycode", input: "WWW.XN--FSQU00A.XN--FIQS8S", host: "www.xn--fsqu00a.xn--fiqs8s", registrable: Some("xn--fsqu00a.xn--fiqs8s"), level: Some(3), website: Some("xn--fsqu00a.xn--fiqs8s"), app: Some("www.xn--fsqu00a.xn--fiqs8s"), reason: None, tld: A },
    Case { rule: "1 chinese full stops", input: "www。例子．中国｡", host: "www.xn--fsqu00a.xn--fiqs8s", registrable: Some("xn--fsqu00a.xn--fiqs8s"), level: Some(3), website: Some("xn--fsqu00a.xn--fiqs8s"), app: Some("www.xn--fsqu00a.xn--fiqs8s"), reason: None, tld: A },
    Case { rule: "1 full-width letters", input: "ＷＷＷ．ｅｘａｍｐｌｅ．ｃｏｍ", host: "www.example.com", registrable: Some("example.com"), level: Some(3), website: Some("example.com"), app: Some("www.example.com"), reason: None, tld: A },
    Case { rule: "1 idn under .公司.cn (icann suffix)", input: "http://食狮.公司.cn/", host: "xn--85x722f.xn--55qx5d.cn", registrable: Some("xn--85x722f.xn--55qx5d.cn"), level: Some(2), website: Some("xn--85x722f.xn--55qx5d.cn"), app: Some("xn--85x722f.xn--55qx5d.cn"), reason: None, tld: A },
    Case { rule: "1 provincial .cn zone", input: "www.example.gd.cn", host: "www.example.gd.cn", registrable: Some("example.gd.cn"), level: Some(3), website: Some("example.gd.cn"), app: Some("www.example.gd.cn"), reason: None, tld: A },
    // Rule 2: bare IP addresses are their own subject.
    Case { rule: "2 public ipv4", input: "http://8.8.8.8:8080/x", host: "8.8.8.8", registrable: None, level: None, website: Some("8.8.8.8"), app: Some("8.8.8.8"), reason: None, tld: None },
    Case { rule: "2 full-width ipv4", input: "１１４．１１４．１１４．１１４", host: "114.114.114.114", registrable: None, level: None, website: Some("114.114.114.114"), app: Some("114.114.114.114"), reason: None, tld: None },
    Case { rule: "2 bracketed ipv6", input: "https://[2400:3200::1]:443/", host: "2400:3200::1", registrable: None, level: None, website: Some("2400:3200::1"), app: Some("2400:3200::1"), reason: None, tld: None },
    Case { rule: "2 bare ipv6, canonical form", input: "2400:3200:0:0:0:0:0:1", host: "2400:3200::1", registrable: None, level: None, website: Some("2400:3200::1"), app: Some("2400:3200::1"), reason: None, tld: None },
    Case { rule: "2 private ipv4 needs no filing", input: "192.168.1.1", host: "192.168.1.1", registrable: None, level: None, website: None, app: None, reason: Some("non_public_address"), tld: None },
    Case { rule: "2 loopback ipv6 needs no filing", input: "[::1]", host: "::1", registrable: None, level: None, website: None, app: None, reason: Some("non_public_address"), tld: None },
    // Rule 3: apps may file a name down to level 4.
    Case { rule: "3 app level 4", input: "x.news.a.com", host: "x.news.a.com", registrable: Some("a.com"), level: Some(4), website: Some("a.com"), app: Some("x.news.a.com"), reason: None, tld: A },
    Case { rule: "3 app level 4 under com.cn", input: "x.news.a.com.cn", host: "x.news.a.com.cn", registrable: Some("a.com.cn"), level: Some(4), website: Some("a.com.cn"), app: Some("x.news.a.com.cn"), reason: None, tld: A },
    Case { rule: "3 app level 5 too deep", input: "y.x.news.a.com.cn", host: "y.x.news.a.com.cn", registrable: Some("a.com.cn"), level: Some(5), website: Some("a.com.cn"), app: None, reason: Some("too_deep_for_app"), tld: A },
    // Rule 4: approved top-level domains only, three states.
    Case { rule: "4 not approved (io)", input: "https://example.io/", host: "example.io", registrable: Some("example.io"), level: Some(2), website: None, app: None, reason: Some("tld_not_approved"), tld: N },
    Case { rule: "4 unknown: not in the partial seed (org)", input: "example.org", host: "example.org", registrable: Some("example.org"), level: Some(2), website: Some("example.org"), app: Some("example.org"), reason: None, tld: U },
    Case { rule: "4 unknown: co.uk", input: "www.example.co.uk", host: "www.example.co.uk", registrable: Some("example.co.uk"), level: Some(3), website: Some("example.co.uk"), app: Some("www.example.co.uk"), reason: None, tld: U },
    Case { rule: "4 approved idn tld 公司", input: "例子.公司", host: "xn--fsqu00a.xn--55qx5d", registrable: Some("xn--fsqu00a.xn--55qx5d"), level: Some(2), website: Some("xn--fsqu00a.xn--55qx5d"), app: Some("xn--fsqu00a.xn--55qx5d"), reason: None, tld: A },
    Case { rule: "4 tld unknown to the psl (no implicit * rule)", input: "www.example.notatld", host: "www.example.notatld", registrable: None, level: None, website: None, app: None, reason: Some("unknown_tld"), tld: None },
    Case { rule: "4 single label", input: "localhost", host: "localhost", registrable: None, level: None, website: None, app: None, reason: Some("unknown_tld"), tld: None },
    // Public suffix itself.
    Case { rule: "psl host is a public suffix", input: "COM.CN", host: "com.cn", registrable: None, level: Some(1), website: None, app: None, reason: Some("public_suffix"), tld: A },
    Case { rule: "psl host is a tld", input: "com", host: "com", registrable: None, level: Some(1), website: None, app: None, reason: Some("public_suffix"), tld: A },
    // Rule 5: provider platform domains.
    Case { rule: "5 azure china cloud service", input: "myapp.chinacloudapp.cn", host: "myapp.chinacloudapp.cn", registrable: Some("chinacloudapp.cn"), level: Some(3), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 azure china web app, url", input: "https://MySite.ChinaCloudSites.cn/login", host: "mysite.chinacloudsites.cn", registrable: Some("chinacloudsites.cn"), level: Some(3), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 tencent cos bucket", input: "bucket-1250000000.cos.ap-guangzhou.myqcloud.com", host: "bucket-1250000000.cos.ap-guangzhou.myqcloud.com", registrable: Some("myqcloud.com"), level: Some(5), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 alibaba oss bucket", input: "b.oss-cn-hangzhou.aliyuncs.com", host: "b.oss-cn-hangzhou.aliyuncs.com", registrable: Some("aliyuncs.com"), level: Some(4), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 psl private section (qnap)", input: "nas.myqnapcloud.cn", host: "nas.myqnapcloud.cn", registrable: Some("myqnapcloud.cn"), level: Some(3), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 psl private wildcard (aws china)", input: "i-1.compute.amazonaws.com.cn", host: "i-1.compute.amazonaws.com.cn", registrable: Some("amazonaws.com.cn"), level: Some(4), website: None, app: None, reason: Some("platform"), tld: A },
    Case { rule: "5 the platform's own domain is the provider's to file", input: "chinacloudapp.cn", host: "chinacloudapp.cn", registrable: Some("chinacloudapp.cn"), level: Some(2), website: Some("chinacloudapp.cn"), app: Some("chinacloudapp.cn"), reason: None, tld: A },
    Case { rule: "5 psl private rule owner's own domain", input: "myqnapcloud.cn", host: "myqnapcloud.cn", registrable: Some("myqnapcloud.cn"), level: Some(2), website: Some("myqnapcloud.cn"), app: Some("myqnapcloud.cn"), reason: None, tld: A },
];

#[test]
fn decision_table() {
    let mut failures = Vec::new();
    for c in CASES {
        let d = match decide(c.input) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("[{}] {:?}: error {e}", c.rule, c.input));
                continue;
            }
        };
        let got = (
            d.host().as_str(),
            d.registrable(),
            d.level(),
            d.website(),
            d.app(),
            d.reason().map(Reason::code),
            d.tld_approval().map(|a| a.status),
        );
        let want = (
            c.host,
            c.registrable,
            c.level,
            c.website,
            c.app,
            c.reason,
            c.tld,
        );
        if got != want {
            failures.push(format!(
                "[{}] {:?}:\n   got {got:?}\n  want {want:?}",
                c.rule, c.input
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn platform_details_name_provider_and_list() {
    let d = decide("myapp.chinacloudapp.cn").unwrap();
    let p = d.platform().unwrap();
    assert_eq!(p.domain, "chinacloudapp.cn");
    assert!(p.provider.contains("Azure China"), "{}", p.provider);
    assert_eq!(p.list, PlatformList::Platforms);
    let d = decide("nas.myqnapcloud.cn").unwrap();
    let p = d.platform().unwrap();
    assert_eq!(p.domain, "myqnapcloud.cn");
    assert_eq!(p.list, PlatformList::PslPrivate);
    assert!(p.provider.contains("QNAP"), "{}", p.provider);
    let d = decide("i-1.compute.amazonaws.com.cn").unwrap();
    assert_eq!(d.platform().unwrap().domain, "amazonaws.com.cn");
    let d = decide("x.s3.cn-north-1.amazonaws.com.cn").unwrap();
    assert_eq!(d.platform().unwrap().list, PlatformList::Platforms);
}

#[test]
fn approval_names_its_source() {
    let d = decide("example.io").unwrap();
    let a = d.tld_approval().unwrap();
    assert_eq!(d.tld_approval_entry(), Some("io"));
    assert!(a.source.contains("unapproved-tlds.txt"), "{}", a.source);
    let d = decide("example.com.cn").unwrap();
    assert_eq!(d.tld_approval_entry(), Some("com.cn"));
    assert!(d.tld_approval().unwrap().source.contains("Section A"));
    let d = decide("example.cn").unwrap();
    assert_eq!(d.tld_approval_entry(), Some("cn"));
    assert!(d.tld_approval().unwrap().source.contains("Section C"));
    let d = decide("例子.中国").unwrap();
    assert!(d.tld_approval().unwrap().source.contains("Section B"));
    let d = decide("example.org").unwrap();
    let a = d.tld_approval().unwrap();
    assert_eq!(a.status, TldStatus::Unknown);
    assert!(a.source.contains("partial"), "{}", a.source);
}

#[test]
fn a_complete_approved_list_loaded_at_run_time_settles_absences() {
    let rules = Rules::builder()
        .approved_tlds(
            "# ---- test list, 2026-11-22 ----\ncom\ncn\n",
            "test.txt",
            true,
        )
        .build()
        .unwrap();
    let d = rules.decide("example.org").unwrap();
    assert_eq!(d.tld_approval().unwrap().status, TldStatus::NotApproved);
    assert_eq!(d.reason(), Some(Reason::TldNotApproved));
    let d = rules.decide("example.com").unwrap();
    assert_eq!(d.tld_approval().unwrap().status, TldStatus::Approved);
    assert_eq!(
        d.tld_approval().unwrap().source,
        "test.txt: test list, 2026-11-22"
    );
    // The unapproved list still applies.
    assert_eq!(
        rules.decide("a.io").unwrap().reason(),
        Some(Reason::TldNotApproved)
    );
}

/// Rule: the approval of a host's suffix is the longest list entry within its public suffix,
/// however deep the lists nest, and an exception rule's label is outside the suffix.
#[test]
fn the_longest_approval_entry_within_the_suffix_decides() {
    let rules = Rules::builder()
        .psl(
            "// ===BEGIN ICANN DOMAINS===\nf\ne.f\nd.e.f\nc.d.e.f\nb.c.d.e.f\na.b.c.d.e.f\n\
             *.w.f\n!ok.w.f\n// ===END ICANN DOMAINS===\n",
            "deep.dat",
        )
        .approved_tlds(
            "f\ne.f\nd.e.f\nc.d.e.f\nb.c.d.e.f\nw.f\n",
            "deep approved",
            true,
        )
        .unapproved_tlds("a.b.c.d.e.f\nok.w.f\n", "deep unapproved")
        .build()
        .unwrap();
    let entry = |host: &str| {
        let d = rules.decide(host).unwrap();
        let status = d.tld_approval().unwrap().status;
        (
            d.tld_approval_entry().map(str::to_owned),
            status,
            d.reason(),
        )
    };
    assert_eq!(
        entry("x.a.b.c.d.e.f"),
        (
            Some("a.b.c.d.e.f".into()),
            TldStatus::NotApproved,
            Some(Reason::TldNotApproved)
        )
    );
    assert_eq!(
        entry("x.b.c.d.e.f"),
        (Some("b.c.d.e.f".into()), TldStatus::Approved, None)
    );
    // `ok.w.f` is registrable (the exception), so its own entry is not the suffix's.
    assert_eq!(
        entry("www.ok.w.f"),
        (Some("w.f".into()), TldStatus::Approved, None)
    );
    assert_eq!(
        entry("a.x.w.f"),
        (Some("w.f".into()), TldStatus::Approved, None)
    );
}

#[test]
fn a_newer_psl_can_be_loaded() {
    let rules = Rules::builder()
        .psl(
            "// ===BEGIN ICANN DOMAINS===\ncom\nnewtld\n*.wild.newtld\n!ok.wild.newtld\n",
            "mini.dat",
        )
        .build()
        .unwrap();
    let d = rules.decide("www.example.newtld").unwrap();
    assert_eq!(d.registrable(), Some("example.newtld"));
    assert_eq!(
        rules.decide("a.b.wild.newtld").unwrap().registrable(),
        Some("a.b.wild.newtld")
    );
    assert_eq!(
        rules.decide("x.ok.wild.newtld").unwrap().registrable(),
        Some("ok.wild.newtld")
    );
    assert_eq!(
        rules.decide("example.cn").unwrap().reason(),
        Some(Reason::UnknownTld)
    );
}

#[test]
fn bad_data_files_are_errors() {
    let e = Rules::builder()
        .psl("foo..bar\n", "bad.dat")
        .build()
        .unwrap_err();
    assert_eq!(e.to_string(), "bad.dat line 1: invalid rule 'foo..bar'");
    let e = Rules::builder()
        .psl("// nothing\n", "empty.dat")
        .build()
        .unwrap_err();
    assert_eq!(e.to_string(), "empty.dat: no entries");
    let e = Rules::builder()
        .platforms("a.com|x\n", "p.txt")
        .build()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "p.txt line 1: expected 'domain|provider|source', got 'a.com|x'"
    );
    let e = Rules::builder()
        .psl_file(std::path::Path::new("/nonexistent/psl.dat"))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cannot read /nonexistent/psl.dat: ")
    );
}

#[test]
fn shipped_data_files_have_the_expected_format() {
    for line in beian::domain::SHIPPED_APPROVED_TLDS
        .lines()
        .chain(beian::domain::SHIPPED_UNAPPROVED_TLDS.lines())
    {
        let entry = line.split('#').next().unwrap().trim();
        if entry.is_empty() {
            continue;
        }
        assert!(
            entry
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "approved-tld entry not lowercase ascii: {entry:?}"
        );
        assert!(
            !entry.starts_with('.') && !entry.ends_with('.'),
            "{entry:?}"
        );
    }
    let mut platforms = 0;
    for line in beian::domain::SHIPPED_PLATFORMS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('|').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(fields.iter().all(|f| !f.trim().is_empty()), "{line}");
        // Platform domains are not already handled by the PSL private section.
        let name = format!("x.{}", fields[0]);
        let d = decide(&name).unwrap();
        assert_eq!(d.reason(), Some(Reason::Platform), "{line}");
        platforms += 1;
    }
    assert!(platforms >= 8);
    assert!(
        beian::domain::SHIPPED_PSL.contains(
            beian::domain::SHIPPED_PSL_VERSION
                .split(' ')
                .next()
                .unwrap()
        )
    );
}

#[test]
fn covers_table() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, bool)] = &[
        ("1 registrable covers subdomains", "example.com", "www.example.com", true),
        ("1 registrable covers deep subdomains", "example.com", "a.b.c.d.example.com", true),
        ("1 registrable covers itself, any form", "EXAMPLE.COM.", "https://example.com/", true),
        ("1 idn filing covers punycode host", "例子.中国", "www.xn--fsqu00a.xn--fiqs8s", true),
        ("1 not a sibling suffix", "example.com", "badexample.com", false),
        ("1 not another registrable", "example.com", "example.com.cn", false),
        ("1 not the parent", "www.example.com", "example.com", false),
        ("3 app filing covers exactly its name", "news.a.com", "news.a.com", true),
        ("3 app filing does not cover deeper names", "news.a.com", "x.news.a.com", false),
        ("3 level-5 name cannot be filed", "y.x.news.a.com", "y.x.news.a.com", false),
        ("2 ip covers itself", "8.8.8.8", "http://8.8.8.8/", true),
        ("2 ip covers nothing else", "8.8.8.8", "8.8.4.4", false),
        ("5 platform name covers nothing", "x.chinacloudapp.cn", "x.chinacloudapp.cn", false),
        ("psl public suffix covers nothing", "com.cn", "a.com.cn", false),
        ("garbage covers nothing", "exa mple.com", "example.com", false),
    ];
    for (rule, filed, host, want) in cases {
        assert_eq!(
            covers(filed, host),
            *want,
            "[{rule}] covers({filed:?}, {host:?})"
        );
    }
}

#[test]
fn filing_index_agrees_with_covers() {
    let mut index = FilingIndex::new();
    for (i, name) in [
        "example.com",
        "news.a.com",
        "8.8.8.8",
        "例子.中国",
        "b.com.cn",
    ]
    .iter()
    .enumerate()
    {
        index.insert(name, i).unwrap();
    }
    for host in [
        "www.example.com",
        "example.com",
        "news.a.com",
        "x.news.a.com",
        "a.com",
        "8.8.8.8",
        "www.例子.中国",
        "x.y.b.com.cn",
        "com.cn",
        "other.org",
        "badexample.com",
    ] {
        let hit = index.lookup(host).map(|m| m.filed.to_owned());
        let expected = [
            "example.com",
            "news.a.com",
            "8.8.8.8",
            "xn--fsqu00a.xn--fiqs8s",
            "b.com.cn",
        ]
        .iter()
        .find(|f| covers(f, host))
        .map(|f| f.to_string());
        assert_eq!(hit, expected, "{host}");
    }
    assert_eq!(index.len(), 5);
}

/// Normalisation cases: (what, input, expected host or exact error message).
#[rustfmt::skip]
const NORMALISE: &[(&str, &str, Result<&str, &str>)] = &[
    ("clean ascii borrowed", "example.com", Ok("example.com")),
    ("scheme-relative url", "//Example.com/x", Ok("example.com")),
    ("email address", "user@Example.com", Ok("example.com")),
    ("empty port", "example.com:", Ok("example.com")),
    ("ideographic space trimmed", "\u{3000}example.com\u{3000}", Ok("example.com")),
    ("full-width digits in a name", "ａ１.com", Ok("a1.com")),
    ("ipv4-mapped ipv6", "[::ffff:1.2.3.4]", Ok("::ffff:1.2.3.4")),
    ("query without path", "example.com?x=1", Ok("example.com")),
    ("empty", "   ", Err("empty host")),
    ("scheme only", "https://", Err("empty host")),
    ("underscore", "ex_ample.com", Err("invalid character '_' at byte 2")),
    ("space inside", "exa mple.com", Err("invalid character ' ' at byte 3")),
    ("double dot", "a..com", Err("empty label at byte 2")),
    ("leading dot", ".example.com", Err("empty label at byte 0")),
    ("two trailing dots", "example.com..", Err("empty label at byte 12")),
    ("leading hyphen", "-a.com", Err("label starts or ends with '-' at byte 0")),
    ("label too long", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", Err("label longer than 63 bytes at byte 0")),
    ("bad port", "example.com:99999", Err("invalid port at byte 12")),
    ("port not a number", "example.com:http", Err("invalid port at byte 12")),
    ("bad ipv6", "[1:2:3]", Err("invalid ipv6 address at byte 1")),
    ("bad bare ipv6", "1:2:3", Err("invalid ipv6 address at byte 0")),
    ("numeric tld", "example.123", Err("numeric top-level label at byte 8 but not an ipv4 address")),
    ("short ipv4", "127.1", Err("numeric top-level label at byte 4 but not an ipv4 address")),
    ("bad scheme", "ht tp://example.com", Err("invalid url scheme at byte 0")),
    ("bad punycode", "xn--a.com", Err("invalid internationalised name at byte 0 (uts-46)")),
    ("symbols are valid uts-46", "例子☺.中国", Ok("xn--74h132mj1h.xn--fiqs8s")),
    ("disallowed character", "例子\u{fffd}.中国", Err("invalid character '\u{fffd}' at byte 6")),
    ("control character", "exa\u{7}mple.com", Err("invalid character '\\u{7}' at byte 3")),
];

#[test]
fn normalisation_table() {
    let mut failures = Vec::new();
    for (what, input, want) in NORMALISE {
        let got = normalize(input)
            .map(|h| h.as_str().to_owned())
            .map_err(|e| e.to_string());
        let want = want.map(str::to_owned).map_err(str::to_owned);
        if got != want {
            failures.push(format!("[{what}] {input:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn clean_input_is_borrowed_not_copied() {
    assert!(normalize("www.example.com").unwrap().is_borrowed());
    assert!(
        normalize("https://www.example.com/path")
            .unwrap()
            .is_borrowed()
    );
    assert!(normalize("www.example.com.").unwrap().is_borrowed());
    assert!(!normalize("WWW.example.com").unwrap().is_borrowed());
}

#[test]
fn error_kinds_codes_and_chinese_messages() {
    let e = normalize("ex_ample.com").unwrap_err();
    assert_eq!(e.kind(), DomainErrorKind::InvalidCharacter('_'));
    assert_eq!(e.offset(), 2);
    assert_eq!(e.code(), "invalid_character");
    assert_eq!(e.message_zh(), "第 2 字节处的字符 '_' 不能出现在域名中");
    assert_eq!(normalize("").unwrap_err().message_zh(), "主机名为空");
}

#[test]
fn unicode_form_for_display() {
    let h = normalize("WWW.XN--FSQU00A.XN--FIQS8S").unwrap();
    assert_eq!(h.to_unicode(), "www.例子.中国");
    assert_eq!(
        normalize("example.com").unwrap().to_unicode(),
        "example.com"
    );
}

#[test]
fn explanations() {
    assert_eq!(
        decide("www.example.com").unwrap().explain(),
        "a website files 'example.com' (covers its subdomains); an app may file 'www.example.com' (level 3)"
    );
    assert_eq!(
        decide("myapp.chinacloudapp.cn")
            .unwrap()
            .reason()
            .unwrap()
            .to_string(),
        "under a provider platform domain filed by the provider; file your own domain"
    );
    let d = decide("example.io").unwrap();
    assert!(
        d.explain()
            .starts_with("suffix 'io' is not approved by miit (source: data/unapproved-tlds.txt"),
        "{}",
        d.explain()
    );
    assert_eq!(
        d.explain_zh(),
        "'example.io' 顶级域未经工信部批准，不能备案"
    );
    assert!(
        decide("example.org")
            .unwrap()
            .explain()
            .contains("approval of suffix 'org' is unknown")
    );
}

/// Regression (found by the publicsuffix-crate oracle proptest): a wildcard rule matches a
/// label that also starts a longer rule (`*.run.app` with `*.mtls.run.app`), as the PSL
/// algorithm says; publicsuffix 2.3 answers `app` here.
#[test]
fn regression_wildcard_next_to_longer_wildcard() {
    use beian::domain::Section;
    let m = Rules::shared().suffix_match("mtls.run.app");
    assert_eq!(m.suffix(Section::All), "mtls.run.app");
    assert_eq!(m.suffix(Section::Icann), "app");
    let m = Rules::shared().suffix_match("x.y.mtls.run.app");
    assert_eq!(m.suffix(Section::All), "y.mtls.run.app");
}

#[test]
fn report_fields_for_the_cli() {
    use beian::domain::Report;
    let rules = Rules::shared();
    let r = Report::new(rules, "https://x.news.a.com.cn/");
    assert_eq!(r.host.as_deref(), Some("x.news.a.com.cn"));
    assert_eq!(r.registrable.as_deref(), Some("a.com.cn"));
    assert_eq!(r.suffix.as_deref(), Some("com.cn"));
    assert_eq!(r.tld.as_deref(), Some("cn"));
    assert_eq!(r.level, Some(4));
    assert_eq!(r.tld_approved, Some(true));
    assert_eq!(r.website.as_deref(), Some("a.com.cn"));
    assert_eq!(r.app.as_deref(), Some("x.news.a.com.cn"));
    assert!(r.reason.is_none() && r.error.is_none());
    let r = Report::new(rules, "例子.org");
    assert_eq!(r.unicode.as_deref(), Some("例子.org"));
    assert_eq!(r.tld_approved, None);
    assert_eq!(r.tld_status, Some(TldStatus::Unknown));
    let r = Report::new(rules, "a..b");
    assert_eq!(r.error.as_deref(), Some("empty label at byte 2"));
    assert_eq!(r.error_code, Some("empty_label"));
    assert!(r.host.is_none());
    let r = Report::new(rules, "x.chinacloudapp.cn");
    assert_eq!(r.reason_code, Some("platform"));
    assert_eq!(r.platform.as_ref().unwrap().domain, "chinacloudapp.cn");
}

#[cfg(feature = "serde")]
#[test]
fn report_json_shape() {
    use beian::domain::Report;
    let v = serde_json::to_value(Report::new(Rules::shared(), "WWW.例子.中国")).unwrap();
    for key in [
        "input",
        "host",
        "unicode",
        "registrable",
        "suffix",
        "tld",
        "tld_approved",
        "tld_source",
        "platform",
        "website",
        "app",
        "reason",
        "error",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["host"], "www.xn--fsqu00a.xn--fiqs8s");
    assert_eq!(v["unicode"], "www.例子.中国");
    assert_eq!(v["tld_approved"], true);
    assert_eq!(v["tld_status"], "approved");
    assert!(v["platform"].is_null());
    let v = serde_json::to_value(Report::new(Rules::shared(), "a.io")).unwrap();
    assert_eq!(v["tld_approved"], false);
    assert_eq!(v["website"], serde_json::Value::Null);
    assert_eq!(v["reason_code"], "tld_not_approved");
}
