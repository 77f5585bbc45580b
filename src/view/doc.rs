//! The blocks a view is laid out in — titles, tables, label/value fields,
//! lines of styled text, legends — which every renderer knows how to print.
//! A [`Tone`] says what a piece of text means (agreement, a red line, an
//! added word); each renderer decides how that looks.

/// How a piece of text should look; marks and words carry the meaning, so
/// that output reads the same without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub text: String,
    pub tone: Tone,
}

/// A cell or a line: styled spans, in one or more lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub lines: Vec<Vec<Span>>,
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text::styled(s, Tone::Plain)
    }

    pub fn styled(s: impl Into<String>, tone: Tone) -> Self {
        Text {
            lines: vec![vec![Span {
                text: s.into(),
                tone,
            }]],
        }
    }

    /// Add a span to the last line.
    pub fn push(&mut self, s: impl Into<String>, tone: Tone) -> &mut Self {
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        self.lines.last_mut().unwrap().push(Span {
            text: s.into(),
            tone,
        });
        self
    }

    /// Start a new line with a span.
    pub fn line(&mut self, s: impl Into<String>, tone: Tone) -> &mut Self {
        self.lines.push(vec![Span {
            text: s.into(),
            tone,
        }]);
        self
    }

    /// The text without styling, lines joined by `sep`; borrowed where it
    /// is one span (most cells), so that a renderer need not copy it.
    pub fn plain_cow(&self, sep: &str) -> std::borrow::Cow<'_, str> {
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

    pub fn num(x: Option<f64>) -> Text {
        Text::plain(x.map_or_else(String::new, |x| {
            let s = format!("{x:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }))
    }

    pub fn count(n: impl Into<u64>) -> Text {
        Text::plain(n.into().to_string())
    }

    pub fn flag(b: bool) -> Text {
        Text::plain(if b { "true" } else { "false" })
    }

    pub fn text(s: Option<&str>) -> Text {
        Text::plain(s.unwrap_or_default().to_string())
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

    /// The type of each column of data cells: a column is numeric, or
    /// boolean, only when every cell in it that is not empty is; so that an
    /// id that happens to look like a number stays text beside other ids.
    pub fn column_types<'a>(rows: &'a [Vec<String>], columns: usize) -> Vec<Vec<Typed<'a>>> {
        let number = |s: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && !s.starts_with('+') && !s.contains(['e', 'E']))
        };
        let bool_of = |s: &str| match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let cells = |c: usize| {
            rows.iter()
                .filter_map(move |r| r.get(c))
                .filter(|s| !s.is_empty())
        };
        let numeric: Vec<bool> = (0..columns)
            .map(|c| cells(c).next().is_some() && cells(c).all(|s| number(s).is_some()))
            .collect();
        let boolean: Vec<bool> = (0..columns)
            .map(|c| cells(c).next().is_some() && cells(c).all(|s| bool_of(s).is_some()))
            .collect();
        rows.iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(c, s)| match s.as_str() {
                        "" => Typed::Empty,
                        s if numeric.get(c) == Some(&true) => {
                            Typed::Number(number(s).unwrap_or(0.0))
                        }
                        s if boolean.get(c) == Some(&true) => Typed::Bool(s == "true"),
                        s => Typed::Text(s),
                    })
                    .collect()
            })
            .collect()
    }
}

/// A data table (CSV) of these columns and rows.
pub fn data_table(headers: &[&str], rows: Vec<Vec<Text>>) -> Table {
    Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        ..Table::default()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Text>>,
    /// Columns whose content is right-aligned (numbers).
    pub right: Vec<usize>,
    /// Columns never wrapped, such as ids a reader will type.
    pub nowrap: Vec<usize>,
    /// Columns of agreement scores in [0, 1], shown as a heat map where the
    /// format has colour (xlsx, with the report's palette).
    pub heat: Vec<usize>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// The document's title, once at the top.
    Title(String),
    /// A section heading.
    Heading(String),
    Table(Table),
    /// Label/value pairs, such as one position in full.
    Fields(Vec<(String, Text)>),
    /// A line of prose.
    Line(Text),
    /// The key to the marks used above.
    Legend(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }
}
