//! The blocks a view is laid out in — titles, tables, label/value fields,
//! lines of styled text, legends — which every renderer knows how to print.
//! A [`Tone`] says what a piece of text means (agreement, a red line, an
//! added word); each renderer decides how that looks.

use std::borrow::Cow;

use compact_str::CompactString;
use smallvec::{SmallVec, smallvec};

/// How a piece of text should look; marks and words carry the meaning, so
/// that output reads the same without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Plain,
    Strong,
    Dim,
    Agree,
    Overlap,
    Disagree,
    Clash,
    RedLine,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: CompactString,
    pub tone: Tone,
}

/// One line of a [`Text`]: its spans.
pub type Line = SmallVec<[Span; 1]>;

/// A cell or a line: styled spans, in one or more lines. Most cells are one
/// span on one line, held without an allocation of their own but the
/// span's text (a data table of every pair has millions of cells).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub lines: SmallVec<[Line; 1]>,
}

impl Text {
    pub fn plain(s: impl Into<CompactString>) -> Self {
        Text::styled(s, Tone::Plain)
    }

    pub fn styled(s: impl Into<CompactString>, tone: Tone) -> Self {
        Text {
            lines: smallvec![smallvec![Span {
                text: s.into(),
                tone,
            }]],
        }
    }

    /// Add a span to the last line.
    pub fn push(&mut self, s: impl Into<CompactString>, tone: Tone) -> &mut Self {
        if self.lines.is_empty() {
            self.lines.push(Line::new());
        }
        self.lines.last_mut().unwrap().push(Span {
            text: s.into(),
            tone,
        });
        self
    }

    /// Start a new line with a span.
    pub fn line(&mut self, s: impl Into<CompactString>, tone: Tone) -> &mut Self {
        self.lines.push(smallvec![Span {
            text: s.into(),
            tone,
        }]);
        self
    }

    /// The text without styling, lines joined by `sep`; borrowed where it
    /// is one span (most cells), so that a renderer need not copy it.
    pub fn plain_cow(&self, sep: &str) -> Cow<'_, str> {
        match self.lines.as_slice() {
            [] => "".into(),
            [line] if line.len() == 1 => line[0].text.as_str().into(),
            _ => self.to_plain(sep).into(),
        }
    }

    /// The text without styling, lines joined by `sep`.
    pub fn to_plain(&self, sep: &str) -> String {
        self.lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::plain(s)
    }
}

/// Cells of a data table (CSV): a number as a number, `true`/`false`, and
/// an empty cell for what is unknown.
pub mod cell {
    use super::Text;
    use compact_str::{CompactString, ToCompactString, format_compact};

    pub fn num(x: Option<f64>) -> Text {
        Text::plain(x.map_or_else(CompactString::default, four_places))
    }

    /// `x` to four decimal places, trailing zeros (and a trailing point)
    /// dropped: `0.5`, `0.3333`, `1`.
    fn four_places(x: f64) -> CompactString {
        // Rounding ten thousand times `x` to an integer gives what `{:.4}`
        // gives, unless it falls near a half (where the product's rounding
        // error could tip it, and `{:.4}` rounds the exact binary value):
        // those, and what is not a small positive number, go the slow way.
        // A data table of every pair and round has 800 000 scores, and
        // `{:.4}` took a fifth of writing them.
        let scaled = x * 10_000.0;
        let near_half = (scaled - scaled.floor() - 0.5).abs() < 1e-6;
        if !(0.0..1e15).contains(&scaled) || x.is_sign_negative() || near_half {
            let s = format_compact!("{x:.4}");
            return s.trim_end_matches('0').trim_end_matches('.').into();
        }
        let n = scaled.round() as u64;
        let mut s = (n / 10_000).to_compact_string();
        let mut frac = n % 10_000;
        // The four places, written without the formatting machinery.
        let mut digits = [b'0'; 5];
        digits[0] = b'.';
        for d in digits[1..].iter_mut().rev() {
            *d = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        let places = digits.iter().rposition(|&d| d != b'0').unwrap_or(0);
        if places > 0 {
            s.push_str(std::str::from_utf8(&digits[..=places]).unwrap_or_default());
        }
        s
    }

    pub fn count(n: impl Into<u64>) -> Text {
        Text::plain(n.into().to_compact_string())
    }

    pub fn flag(b: bool) -> Text {
        Text::plain(if b { "true" } else { "false" })
    }

    pub fn text(s: Option<&str>) -> Text {
        Text::plain(s.unwrap_or_default())
    }

    /// What a data cell holds, read back from how [`num`], [`count`] and
    /// [`flag`] wrote it: for formats with typed cells (xlsx).
    #[derive(Debug, Clone, PartialEq)]
    pub enum Typed<'a> {
        Empty,
        Number(f64),
        Bool(bool),
        Text(&'a str),
    }

    fn number(s: &str) -> Option<f64> {
        s.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && !s.starts_with('+') && !s.contains(['e', 'E']))
    }

    fn boolean(s: &str) -> Option<bool> {
        match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The type of each column of data cells, learnt from every row in a
    /// first reading: a column is numeric, or boolean, only when every cell
    /// in it that is not empty is; so that an id that happens to look like
    /// a number stays text beside other ids.
    #[derive(Debug, Clone, Default)]
    pub struct ColumnTypes {
        /// Per column: (some cell seen, all numeric, all boolean).
        columns: Vec<(bool, bool, bool)>,
    }

    impl ColumnTypes {
        /// Learn from one row's cells.
        pub fn observe<'s>(&mut self, cells: impl IntoIterator<Item = &'s str>) {
            for (c, s) in cells.into_iter().enumerate() {
                if self.columns.len() <= c {
                    self.columns.resize(c + 1, (false, true, true));
                }
                if s.is_empty() {
                    continue;
                }
                let col = &mut self.columns[c];
                col.0 = true;
                col.1 &= number(s).is_some();
                col.2 &= boolean(s).is_some();
            }
        }

        /// What the cell `s` of column `c` holds.
        pub fn typed<'s>(&self, c: usize, s: &'s str) -> Typed<'s> {
            let (seen, numeric, boolean_) = self.columns.get(c).copied().unwrap_or_default();
            match s {
                "" => Typed::Empty,
                s if seen && numeric => Typed::Number(number(s).unwrap_or(0.0)),
                s if seen && boolean_ => Typed::Bool(s == "true"),
                s => Typed::Text(s),
            }
        }
    }
}

/// A data table (CSV) of these columns and rows.
pub fn data_table<'a>(headers: &[&str], rows: impl Into<Rows<'a>>) -> Table<'a> {
    Table::new(headers, rows)
}

impl<'a> Table<'a> {
    /// A table of these columns and rows, every column left-aligned.
    pub fn new(headers: &[&str], rows: impl Into<Rows<'a>>) -> Self {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: rows.into(),
            ..Table::default()
        }
    }

    /// Label/value pairs ([`Block::Fields`]) as a table of two columns
    /// headed `headers`, for a format that has no other way to show them.
    pub fn of_fields(fields: &[(String, Text)], headers: [&str; 2]) -> Self {
        let rows: Vec<Vec<Text>> = fields
            .iter()
            .map(|(k, v)| vec![Text::plain(k.as_str()), v.clone()])
            .collect();
        Table::new(&headers, rows)
    }

    /// With these columns right-aligned and these never wrapped.
    pub fn aligned(mut self, right: &[usize], nowrap: &[usize]) -> Self {
        self.right = right.to_vec();
        self.nowrap = nowrap.to_vec();
        self
    }
}

/// The iterator of rows that [`Rows::made`] is given.
type MadeRows<'a> = Box<dyn Iterator<Item = Vec<Text>> + 'a>;

/// The rows of a table: held, or made one at a time as a renderer reads
/// them, so that a data table of every pair and round (millions of rows)
/// is never held whole; a renderer may read them more than once.
pub enum Rows<'a> {
    Held(Vec<Vec<Text>>),
    Made {
        len: usize,
        make: Box<dyn Fn() -> MadeRows<'a> + 'a>,
    },
}

impl<'a> Rows<'a> {
    /// `len` rows, made afresh by `make` each time they are read.
    pub fn made<I>(len: usize, make: impl Fn() -> I + 'a) -> Self
    where
        I: Iterator<Item = Vec<Text>> + 'a,
    {
        Rows::Made {
            len,
            make: Box::new(move || Box::new(make())),
        }
    }

    /// A row for each item of each group (each party's cell of each
    /// issue): `row(group, item)`, made as the rows are read.
    pub fn each<G: 'a, I: 'a>(
        groups: &'a [G],
        items: impl Fn(&'a G) -> &'a [I] + Copy + 'a,
        row: impl Fn(&'a G, &'a I) -> Vec<Text> + Copy + 'a,
    ) -> Self {
        let len = groups.iter().map(|g| items(g).len()).sum();
        Rows::made(len, move || {
            groups
                .iter()
                .flat_map(move |g| items(g).iter().map(move |i| row(g, i)))
        })
    }

    pub fn len(&self) -> usize {
        match self {
            Rows::Held(rows) => rows.len(),
            Rows::Made { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows, borrowed where they are held.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Cow<'_, [Text]>> + '_> {
        match self {
            Rows::Held(rows) => Box::new(rows.iter().map(|r| Cow::Borrowed(r.as_slice()))),
            Rows::Made { make, .. } => Box::new(make().map(Cow::Owned)),
        }
    }
}

impl Default for Rows<'_> {
    fn default() -> Self {
        Rows::Held(Vec::new())
    }
}

impl From<Vec<Vec<Text>>> for Rows<'_> {
    fn from(rows: Vec<Vec<Text>>) -> Self {
        Rows::Held(rows)
    }
}

impl FromIterator<Vec<Text>> for Rows<'_> {
    fn from_iter<I: IntoIterator<Item = Vec<Text>>>(rows: I) -> Self {
        Rows::Held(rows.into_iter().collect())
    }
}

impl std::fmt::Debug for Rows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rows::Held(rows) => f.debug_tuple("Held").field(rows).finish(),
            Rows::Made { len, .. } => f.debug_struct("Made").field("len", len).finish(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Table<'a> {
    pub headers: Vec<String>,
    pub rows: Rows<'a>,
    /// Columns whose content is right-aligned (numbers).
    pub right: Vec<usize>,
    /// Columns never wrapped, such as ids a reader will type.
    pub nowrap: Vec<usize>,
    /// Columns of agreement scores in [0, 1], shown as a heat map where the
    /// format has colour (xlsx, with the report's palette).
    pub heat: Vec<usize>,
}

#[derive(Debug)]
pub enum Block<'a> {
    /// The document's title, once at the top.
    Title(String),
    /// A section heading.
    Heading(String),
    Table(Table<'a>),
    /// Label/value pairs, such as one position in full.
    Fields(Vec<(String, Text)>),
    /// A line of prose.
    Line(Text),
    /// Lines of prose, each as a [`Block::Line`] of its own, made as they
    /// are read: a diff of a big talks has tens of thousands.
    Lines(Lines<'a>),
    /// The key to the marks used above.
    Legend(Vec<String>),
}

type MadeLines<'a> = Box<dyn Iterator<Item = Text> + 'a>;

/// Lines of prose made afresh each time they are read.
pub struct Lines<'a>(Box<dyn Fn() -> MadeLines<'a> + 'a>);

impl<'a> Lines<'a> {
    pub fn made<I: Iterator<Item = Text> + 'a>(make: impl Fn() -> I + 'a) -> Self {
        Lines(Box::new(move || Box::new(make())))
    }

    pub fn iter(&self) -> MadeLines<'_> {
        (self.0)()
    }
}

impl std::fmt::Debug for Lines<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lines(..)")
    }
}

#[derive(Debug, Default)]
pub struct Doc<'a> {
    pub blocks: Vec<Block<'a>>,
}

impl<'a> Doc<'a> {
    pub fn push(&mut self, b: Block<'a>) -> &mut Self {
        self.blocks.push(b);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows made as they are read come in order, as many as said, and the
    /// same each time a renderer reads them (xlsx reads a table twice).
    #[test]
    fn made_rows_are_the_same_at_each_reading() {
        let groups = [("a", vec![1, 2]), ("b", vec![]), ("c", vec![3])];
        let rows = Rows::each(
            &groups,
            |g| &g.1,
            |g, n| vec![Text::plain(g.0), Text::plain(n.to_string())],
        );
        let read = |rows: &Rows| -> Vec<String> {
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|c| c.to_plain(""))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect()
        };
        assert_eq!(rows.len(), 3);
        assert_eq!(read(&rows), ["a,1", "a,2", "c,3"]);
        assert_eq!(read(&rows), read(&rows));
        let held: Rows = vec![vec![Text::plain("x")]].into();
        assert_eq!(read(&held), ["x"]);
    }

    /// The slow way: what a number was written as before the fast path.
    fn four_places_by_format(x: f64) -> String {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    #[test]
    fn a_number_is_written_to_four_places_as_format_writes_it() {
        let text = |x: f64| cell::num(Some(x)).to_plain("");
        // Every ratio of small counts, as scores are, and the halves
        // between four places that `{:.4}` rounds to even.
        for n in 1..=400u32 {
            for k in 0..=n {
                let x = f64::from(k) / f64::from(n);
                assert_eq!(text(x), four_places_by_format(x), "{k}/{n}");
            }
        }
        for x in [
            0.0,
            -0.0,
            1.0,
            0.00005,
            0.00015,
            0.03125,
            0.99995,
            12.5,
            -0.25,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(text(x), four_places_by_format(x), "{x}");
        }
        assert_eq!(cell::num(None).to_plain(""), "");
    }

    proptest::proptest! {
        #[test]
        fn any_number_is_written_as_format_writes_it(x in proptest::num::f64::ANY) {
            proptest::prop_assert_eq!(cell::num(Some(x)).to_plain(""), four_places_by_format(x));
        }

        #[test]
        fn any_number_of_a_few_places_is_written_as_format_writes_it(n in 0u64..100_000_000, places in 0i32..9) {
            let x = n as f64 / 10f64.powi(places);
            proptest::prop_assert_eq!(cell::num(Some(x)).to_plain(""), four_places_by_format(x));
        }
    }

    #[test]
    fn column_types_are_learnt_from_every_cell() {
        let mut types = cell::ColumnTypes::default();
        for row in [
            ["1", "true", "x", ""],
            ["2.5", "false", "3", ""],
            ["", "", "y", ""],
        ] {
            types.observe(row);
        }
        assert_eq!(types.typed(0, "2.5"), cell::Typed::Number(2.5));
        assert_eq!(types.typed(0, ""), cell::Typed::Empty);
        assert_eq!(types.typed(1, "true"), cell::Typed::Bool(true));
        // A number among ids stays text.
        assert_eq!(types.typed(2, "3"), cell::Typed::Text("3"));
        assert_eq!(types.typed(3, "z"), cell::Typed::Text("z"));
    }
}
