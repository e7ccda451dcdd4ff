//! A deterministic generator of realistic web pages, for the scan benchmark and the CLI
//! timing (`cargo run --release --example gen_pages`).
//!
//! Two corpora, each a concatenation of pages of 20 to 80 KB:
//! - `ascii`: English HTML (head with styles and scripts, navigation, articles, a base64 image,
//!   a footer); one page in 25 carries a Chinese footer with filing numbers.
//! - `chinese`: Chinese HTML of the same shape whose every footer carries one to three numbers,
//!   written in the ways real footers write them (tags, entities, spaces, full width).
//!
//! Pages come from a xorshift generator with a fixed seed: the same sizes give the same bytes.

#![allow(dead_code)]

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "for", "on", "with", "as", "by", "this", "that", "from",
    "data", "system", "page", "user", "service", "network", "design", "update", "cloud", "release",
    "support", "search", "product", "team", "report", "market", "China", "about", "contact",
    "privacy", "policy", "terms", "news", "open", "source", "security", "server",
];
const ZH: &[&str] = &[
    "我们",
    "公司",
    "产品",
    "服务",
    "用户",
    "网站",
    "信息",
    "技术",
    "发展",
    "中国",
    "市场",
    "新闻",
    "关于",
    "联系",
    "隐私",
    "政策",
    "条款",
    "平台",
    "数据",
    "安全",
    "云计算",
    "解决方案",
    "合作",
    "伙伴",
    "招聘",
    "客户",
    "案例",
    "下载",
    "帮助",
    "中心",
    "版权所有",
    "有限公司",
    "科技",
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "成都",
    "备案",
    "许可证",
    "电话",
    "地址",
];
const PROVINCES: &[&str] = &[
    "京", "沪", "粤", "浙", "苏", "蜀", "川", "鲁", "闽", "鄂", "湘", "豫", "皖", "渝", "津",
];

/// Division codes of `PROVINCES`, in order.
const CODES: &[usize] = &[11, 31, 44, 33, 32, 51, 51, 37, 35, 42, 43, 41, 34, 50, 12];

fn number(rng: &mut Rng) -> String {
    let i = rng.below(PROVINCES.len());
    let p = PROVINCES[i];
    let serial = if rng.below(2) == 0 {
        format!("{}", 10_000_000 + rng.below(9_999_999))
    } else {
        format!("20{:02}{:06}", 20 + rng.below(6), rng.below(999_999))
    };
    let site = match rng.below(4) {
        0 => String::new(),
        1 => format!("-{}", 1 + rng.below(9)),
        2 => "-1".into(),
        _ => format!("-{}A", 1 + rng.below(3)),
    };
    match rng.below(10) {
        0 => format!("{p}<span>ICP</span>备<span>{serial}</span>号<span>{site}</span>"),
        1 => format!("{p}ICP备&nbsp;{serial}号{site}"),
        2 => {
            let fw: String = serial
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap())
                .collect();
            format!("{p}ＩＣＰ备{fw}号{site}")
        }
        3 => format!("{p}B2-20{:02}{:04}", 4 + rng.below(20), rng.below(9999)),
        4 => format!(
            "{p}公网安备 {}{:04}02{:06}号",
            CODES[i],
            100 + rng.below(9899),
            rng.below(999_999)
        ),
        5 => format!("&#20140;ICP&#22791;{serial}&#21495;{site}"),
        _ => format!("{p}ICP备{serial}号{site}"),
    }
}

fn head(rng: &mut Rng, out: &mut String, zh: bool) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(if zh { "zh-CN" } else { "en" });
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    for _ in 0..5 {
        out.push_str(if zh { rng.pick(ZH) } else { rng.pick(WORDS) });
        out.push(' ');
    }
    out.push_str("</title>\n");
    for i in 0..6 {
        out.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"/static/css/app.{:08x}.{i}.css\">\n",
            rng.next_u64() as u32
        ));
    }
    out.push_str("<style>.nav{display:flex;margin:0 auto;color:#3a3a3a}.btn-primary{background:#1677ff}</style>\n");
    out.push_str("<script>window.__CONFIG__={\"api\":\"/api/v2\",\"build\":\"");
    out.push_str(&format!("{:016x}", rng.next_u64()));
    out.push_str("\",\"features\":[\"search\",\"login\",\"share\"]};</script>\n</head>\n<body>\n");
    out.push_str("<nav class=\"nav\"><ul>");
    for _ in 0..8 {
        let w = if zh { rng.pick(ZH) } else { rng.pick(WORDS) };
        out.push_str(&format!(
            "<li><a href=\"/{}\">{w}</a></li>",
            rng.below(1000)
        ));
    }
    out.push_str("</ul></nav>\n");
}

fn body(rng: &mut Rng, out: &mut String, zh: bool, target: usize) {
    while out.len() < target {
        out.push_str("<article class=\"post\">\n<h2>");
        for _ in 0..6 {
            out.push_str(if zh { rng.pick(ZH) } else { rng.pick(WORDS) });
            if !zh {
                out.push(' ');
            }
        }
        out.push_str("</h2>\n");
        for _ in 0..(2 + rng.below(5)) {
            out.push_str("<p>");
            for i in 0..(30 + rng.below(60)) {
                if zh {
                    out.push_str(rng.pick(ZH));
                    if i % 9 == 8 {
                        out.push('，');
                    }
                } else {
                    out.push_str(rng.pick(WORDS));
                    out.push(' ');
                }
            }
            out.push_str(if zh { "。</p>\n" } else { ".</p>\n" });
        }
        if rng.below(6) == 0 {
            // An inline image: base64 text, where licence-like letter pairs occur by chance.
            out.push_str("<img alt=\"\" src=\"data:image/png;base64,");
            const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for _ in 0..(500 + rng.below(1500)) {
                out.push(B64[rng.below(64)] as char);
            }
            out.push_str("\">\n");
        }
        out.push_str("</article>\n");
    }
}

fn footer(rng: &mut Rng, out: &mut String, numbers: usize) {
    out.push_str("<footer class=\"footer\">\n<p>&copy; 2024 ");
    out.push_str(rng.pick(ZH));
    out.push_str("有限公司 版权所有</p>\n<p>");
    for i in 0..numbers {
        if i > 0 {
            out.push_str(" &nbsp;|&nbsp; ");
        }
        out.push_str("<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\">");
        out.push_str(&number(rng));
        out.push_str("</a>");
    }
    out.push_str("</p>\n</footer>\n</body>\n</html>\n");
}

/// One page of about `size` bytes.
pub fn page(rng: &mut Rng, zh: bool, numbers: usize, size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    head(rng, &mut out, zh);
    body(rng, &mut out, zh, size);
    if numbers > 0 || zh {
        footer(rng, &mut out, numbers);
    } else {
        out.push_str("<footer><p>&copy; 2024 Example Inc. All rights reserved.</p></footer>\n</body>\n</html>\n");
    }
    out
}

/// Pages for the `ascii` corpus until `total` bytes.
pub fn ascii_pages(total: usize) -> Vec<String> {
    let mut rng = Rng::new(0x5eed_a5c1);
    let mut pages = Vec::new();
    let mut len = 0;
    while len < total {
        let numbers = if rng.below(25) == 0 {
            1 + rng.below(2)
        } else {
            0
        };
        let size = 20_000 + rng.below(60_000);
        let p = page(&mut rng, false, numbers, size);
        len += p.len();
        pages.push(p);
    }
    pages
}

/// Pages for the `chinese` corpus until `total` bytes.
pub fn chinese_pages(total: usize) -> Vec<String> {
    let mut rng = Rng::new(0x5eed_c41e);
    let mut pages = Vec::new();
    let mut len = 0;
    while len < total {
        let numbers = 1 + rng.below(3);
        let size = 20_000 + rng.below(60_000);
        let p = page(&mut rng, true, numbers, size);
        len += p.len();
        pages.push(p);
    }
    pages
}
