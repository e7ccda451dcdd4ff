//! The 31 mainland provinces and the characters filing numbers use for them.

/// A mainland province-level division, as filing numbers name it.
///
/// ICP numbers and telecom licences (issued by MIIT and its provincial bureaus) use one
/// character per province, [`icp_char`](Province::icp_char). Public-security filings use
/// the ordinary abbreviation, [`psb_char`](Province::psb_char); the two differ only for
/// Sichuan (蜀/川), Guizhou (黔/贵), Yunnan (滇/云) and Gansu (陇/甘).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Province {
    code: u8,
    name: &'static str,
    icp: char,
    psb: char,
}

impl Province {
    /// The two-digit GB/T 2260 division code (`11` for Beijing).
    pub fn code(&self) -> u8 {
        self.code
    }
    /// The province's name in Chinese (`北京`).
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The character MIIT uses in ICP numbers and licences (`京`, `蜀`).
    pub fn icp_char(&self) -> char {
        self.icp
    }
    /// The character public-security filings use (`京`, `川`).
    pub fn psb_char(&self) -> char {
        self.psb
    }
    /// The province with this two-digit division code.
    pub fn from_code(code: u8) -> Option<Province> {
        PROVINCES.iter().copied().find(|p| p.code == code)
    }
    /// Every province, by division code.
    pub fn all() -> &'static [Province] {
        &PROVINCES
    }
}

const fn p(code: u8, name: &'static str, icp: char, psb: char) -> Province {
    Province {
        code,
        name,
        icp,
        psb,
    }
}

static PROVINCES: [Province; 31] = [
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

/// Classifies the first character of a number.
pub(crate) fn lead(c: char) -> Lead {
    // Ordered by frequency in real footers would not matter much: a match on char compiles to
    // a jump table or binary search.
    let code = match c {
        '京' => 11,
        '津' => 12,
        '冀' => 13,
        '晋' => 14,
        '蒙' => 15,
        '辽' => 21,
        '吉' => 22,
        '黑' => 23,
        '沪' | '滬' => 31,
        '苏' | '蘇' => 32,
        '浙' => 33,
        '皖' => 34,
        '闽' | '閩' => 35,
        '赣' | '贛' => 36,
        '鲁' | '魯' => 37,
        '豫' => 41,
        '鄂' => 42,
        '湘' => 43,
        '粤' | '粵' => 44,
        '桂' => 45,
        '琼' | '瓊' => 46,
        '渝' => 50,
        '蜀' => 51,
        '黔' => 52,
        '滇' => 53,
        '藏' => 54,
        '陕' | '陝' => 61,
        '陇' | '隴' => 62,
        '青' => 63,
        '宁' | '寧' => 64,
        '新' => 65,
        '川' => return Lead::Ordinary(PROVINCES[22]),
        '贵' | '貴' => return Lead::Ordinary(PROVINCES[23]),
        '云' | '雲' => return Lead::Ordinary(PROVINCES[24]),
        '甘' => return Lead::Ordinary(PROVINCES[27]),
        '秦' => return Lead::Fake(PROVINCES[26]),
        '港' | '澳' | '台' | '臺' => return Lead::NotMainland,
        '萌' | '星' => return Lead::Joke,
        _ => return Lead::Unknown,
    };
    match Province::from_code(code) {
        Some(p) => Lead::Official(p),
        None => Lead::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, p) in PROVINCES.iter().enumerate() {
            assert_eq!(lead(p.icp_char()), Lead::Official(*p), "{}", p.name());
            if p.psb_char() != p.icp_char() {
                assert_eq!(lead(p.psb_char()), Lead::Ordinary(*p), "{}", p.name());
            }
            assert_eq!(Province::from_code(p.code()), Some(PROVINCES[i]));
        }
        assert_eq!(lead('秦'), Lead::Fake(Province::from_code(61).unwrap()));
    }
}
