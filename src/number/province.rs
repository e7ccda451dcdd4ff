//! The 31 mainland provinces and the characters filing numbers use for them.

/// A mainland province-level division, as filing numbers name it.
///
/// ICP numbers and telecom licences (issued by MIIT and its provincial bureaus) use one
/// character per province, [`icp_char`](Province::icp_char). Public-security filings use
/// the ordinary abbreviation, [`psb_char`](Province::psb_char); the two differ only for
/// Sichuan (蜀/川), Guizhou (黔/贵), Yunnan (滇/云) and Gansu (陇/甘).
///
/// A one-byte handle into a static table: cheap to copy and compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Province(u8);

struct Entry {
    code: u8,
    name: &'static str,
    icp: char,
    psb: char,
}

impl Province {
    fn entry(self) -> &'static Entry {
        &PROVINCES[usize::from(self.0)]
    }
    /// The two-digit GB/T 2260 division code (`11` for Beijing).
    pub fn code(self) -> u8 {
        self.entry().code
    }
    /// The province's name in Chinese (`北京`).
    pub fn name(self) -> &'static str {
        self.entry().name
    }
    /// The character MIIT uses in ICP numbers and licences (`京`, `蜀`).
    pub fn icp_char(self) -> char {
        self.entry().icp
    }
    /// The character public-security filings use (`京`, `川`).
    pub fn psb_char(self) -> char {
        self.entry().psb
    }
    /// The province with this two-digit division code.
    #[inline]
    pub fn from_code(code: u8) -> Option<Province> {
        match BY_CODE.get(usize::from(code)) {
            Some(&i) if i != NO_PROVINCE => Some(Province(i)),
            _ => None,
        }
    }
    /// Every province, by division code.
    pub fn all() -> impl Iterator<Item = Province> {
        (0..PROVINCES.len() as u8).map(Province)
    }
}

impl std::fmt::Debug for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Province({} {} {})",
            self.icp_char(),
            self.name(),
            self.code()
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Province {
    /// As `{"char": "蜀", "psb_char": "川", "name": "四川", "code": 51}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Province", 4)?;
        st.serialize_field("char", &self.icp_char())?;
        st.serialize_field("psb_char", &self.psb_char())?;
        st.serialize_field("name", self.name())?;
        st.serialize_field("code", &self.code())?;
        st.end()
    }
}

const fn p(code: u8, name: &'static str, icp: char, psb: char) -> Entry {
    Entry {
        code,
        name,
        icp,
        psb,
    }
}

static PROVINCES: [Entry; 31] = ENTRIES;

/// The index into `PROVINCES` of each two-digit division code, [`NO_PROVINCE`] for none.
static BY_CODE: [u8; 100] = {
    let mut t = [NO_PROVINCE; 100];
    let mut i = 0;
    while i < ENTRIES.len() {
        t[ENTRIES[i].code as usize] = i as u8;
        i += 1;
    }
    t
};
const NO_PROVINCE: u8 = u8::MAX;

const ENTRIES: [Entry; 31] = [
    p(11, "北京", '京', '京'),
    p(12, "天津", '津', '津'),
    p(13, "河北", '冀', '冀'),
    p(14, "山西", '晋', '晋'),
    p(15, "内蒙古", '蒙', '蒙'),
    p(21, "辽宁", '辽', '辽'),
    p(22, "吉林", '吉', '吉'),
    p(23, "黑龙江", '黑', '黑'),
    p(31, "上海", '沪', '沪'),
    p(32, "江苏", '苏', '苏'),
    p(33, "浙江", '浙', '浙'),
    p(34, "安徽", '皖', '皖'),
    p(35, "福建", '闽', '闽'),
    p(36, "江西", '赣', '赣'),
    p(37, "山东", '鲁', '鲁'),
    p(41, "河南", '豫', '豫'),
    p(42, "湖北", '鄂', '鄂'),
    p(43, "湖南", '湘', '湘'),
    p(44, "广东", '粤', '粤'),
    p(45, "广西", '桂', '桂'),
    p(46, "海南", '琼', '琼'),
    p(50, "重庆", '渝', '渝'),
    p(51, "四川", '蜀', '川'),
    p(52, "贵州", '黔', '贵'),
    p(53, "云南", '滇', '云'),
    p(54, "西藏", '藏', '藏'),
    p(61, "陕西", '陕', '陕'),
    p(62, "甘肃", '陇', '甘'),
    p(63, "青海", '青', '青'),
    p(64, "宁夏", '宁', '宁'),
    p(65, "新疆", '新', '新'),
];

/// What a leading character says about the province.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lead {
    /// The official ICP character, or a traditional form of it (滬, 粵).
    Official(Province),
    /// The ordinary abbreviation where MIIT uses another character (川 for 蜀, ...): normal in
    /// public-security numbers, a hand-typed variant in ICP numbers.
    Ordinary(Province),
    /// Seen only in fakes (秦 for 陕).
    Fake(Province),
    /// 港, 澳, 台: no filing regime.
    NotMainland,
    /// Joke numbers (萌ICP备, 星云ICP备).
    Joke,
    /// Anything else.
    Unknown,
}

/// Every character that can lead a number, with what it says: the index into `PROVINCES`,
/// plus a tag in the high bits.
const OFFICIAL: u8 = 0x00;
const ORDINARY: u8 = 0x20;
const FAKE: u8 = 0x40;
const NOT_MAINLAND: u8 = 0x80;
const JOKE: u8 = 0x81;

const LEADS: [(char, u8); 49] = [
    ('京', 0),
    ('津', 1),
    ('冀', 2),
    ('晋', 3),
    ('蒙', 4),
    ('辽', 5),
    ('吉', 6),
    ('黑', 7),
    ('沪', 8),
    ('滬', 8),
    ('苏', 9),
    ('蘇', 9),
    ('浙', 10),
    ('皖', 11),
    ('闽', 12),
    ('閩', 12),
    ('赣', 13),
    ('贛', 13),
    ('鲁', 14),
    ('魯', 14),
    ('豫', 15),
    ('鄂', 16),
    ('湘', 17),
    ('粤', 18),
    ('粵', 18),
    ('桂', 19),
    ('琼', 20),
    ('瓊', 20),
    ('渝', 21),
    ('蜀', 22),
    ('黔', 23),
    ('滇', 24),
    ('藏', 25),
    ('陕', 26),
    ('陝', 26),
    ('陇', 27),
    ('隴', 27),
    ('青', 28),
    ('宁', 29),
    ('寧', 29),
    ('新', 30),
    // MIIT uses 蜀 黔 滇 陇; 川 贵 云 甘 are the ordinary abbreviations.
    ('川', ORDINARY | 22),
    ('贵', ORDINARY | 23),
    ('云', ORDINARY | 24),
    ('甘', ORDINARY | 27),
    // Seen only in fakes.
    ('秦', FAKE | 26),
    ('港', NOT_MAINLAND),
    ('澳', NOT_MAINLAND),
    ('台', NOT_MAINLAND),
];
const EXTRA: [(char, u8); 4] = [
    ('臺', NOT_MAINLAND),
    ('萌', JOKE),
    ('星', JOKE),
    ('雲', ORDINARY | 24),
];

const SLOTS: usize = 256;

const fn slot(c: u32) -> usize {
    (c.wrapping_mul(0x9e37_79b1) >> 24) as usize
}

const fn build() -> [(u32, u8); SLOTS] {
    let mut table = [(0u32, 0u8); SLOTS];
    let mut i = 0;
    while i < LEADS.len() + EXTRA.len() {
        let (c, v) = if i < LEADS.len() {
            LEADS[i]
        } else {
            EXTRA[i - LEADS.len()]
        };
        let mut h = slot(c as u32);
        while table[h].0 != 0 {
            h = (h + 1) % SLOTS;
        }
        table[h] = (c as u32, v);
        i += 1;
    }
    table
}

/// An open-addressing hash of [`LEADS`]: one multiply and, nearly always, one probe.
static TABLE: [(u32, u8); SLOTS] = build();

/// Classifies the first character of a number.
pub(crate) fn lead(c: char) -> Lead {
    // An empty slot holds key 0: U+0000 must not find one.
    if c == '\0' {
        return Lead::Unknown;
    }
    let mut h = slot(c as u32);
    let v = loop {
        let (k, v) = TABLE[h];
        if k == c as u32 {
            break v;
        }
        if k == 0 {
            return Lead::Unknown;
        }
        h = (h + 1) % SLOTS;
    };
    let p = Province(v & 0x1f);
    match v {
        NOT_MAINLAND => Lead::NotMainland,
        JOKE => Lead::Joke,
        _ if v & FAKE != 0 => Lead::Fake(p),
        _ if v & ORDINARY != 0 => Lead::Ordinary(p),
        _ => {
            debug_assert_eq!(v & !0x1f, OFFICIAL);
            Lead::Official(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        assert_eq!(Province::all().count(), 31);
        for p in Province::all() {
            assert_eq!(lead(p.icp_char()), Lead::Official(p), "{}", p.name());
            if p.psb_char() != p.icp_char() {
                assert_eq!(lead(p.psb_char()), Lead::Ordinary(p), "{}", p.name());
            }
            assert_eq!(Province::from_code(p.code()), Some(p));
        }
        for code in 0..=u8::MAX {
            let by_search = Province::all().find(|p| p.code() == code);
            assert_eq!(Province::from_code(code), by_search, "{code}");
        }
        assert_eq!(lead('秦'), Lead::Fake(Province::from_code(61).unwrap()));
        assert_eq!(lead('港'), Lead::NotMainland);
        assert_eq!(lead('萌'), Lead::Joke);
        assert_eq!(lead('鸡'), Lead::Unknown);
        assert_eq!(lead('A'), Lead::Unknown);
        assert_eq!(lead('\0'), Lead::Unknown);
        assert_eq!(lead('粵'), lead('粤'));
    }
}
