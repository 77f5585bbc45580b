//! `--format xlsx`: the tables of a view's data layout as one workbook, a
//! sheet per table. Cells are typed as the CSV's are written (numbers,
//! booleans, empty for unknown, the rest text); text is always written as
//! text, never as a formula, so no `'` is needed as in CSV. The header row
//! is frozen, columns fit their content, and agreement scores and relations
//! wear the report's colours.

use std::borrow::Cow;
use std::io::Write;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
    utility::row_col_to_cell,
};

use super::html::{heat, heat_ink, relation_colours};
use crate::error::{Error, Result};
use crate::view::cell::{ColumnTypes, Typed};
use crate::view::relation::WORDS;
use crate::view::{Block, Doc, Table, Text, Tone};

/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 60;
/// The longest text a cell may hold (Excel's limit, in UTF-16 units).
const MAX_CELL: usize = 32_767;
/// The longest a sheet name may be (Excel's limit).
const MAX_NAME: usize = 31;

/// The report's colours of the relation a tone shows: background and ink.
fn tone_colours(tone: Tone) -> Option<(Color, Color)> {
    let words = WORDS.iter().find(|w| w.tone == tone)?;
    let (bg, ink) = relation_colours(words.relation)?;
    Some((rgb(bg), rgb(ink)))
}

/// A colour written `#rrggbb`.
fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
}

/// The workbook of a document's tables; a table without a title or heading
/// of its own is named by `title`. With it, a warning for each cell whose
/// text was too long for Excel and is cut.
pub fn render(doc: &Doc, title: Option<&str>, out: impl Write + Send) -> Result<Vec<String>> {
    render_sheets(doc, title, MAX_ROWS, out)
}

/// [`render`], with at most `max_rows` rows under a sheet's header.
///
/// Each table is read twice: once to learn its columns' types and widths,
/// once to write it. Sheets are written row by row to a temporary file
/// (rust_xlsxwriter's constant-memory mode), so that neither the table nor
/// the sheet is ever held whole.
fn render_sheets(
    doc: &Doc,
    title: Option<&str>,
    max_rows: usize,
    out: impl Write + Send,
) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let mut book = Workbook::new();
    // Same data, same bytes: the workbook's creation date is fixed, not now.
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1).map_err(err)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    // The fastest compression: the sheets of every pair are large, and
    // deflate at the default level took a third of the time to save them.
    book.set_zip_compression_level(1);
    let mut names: Vec<String> = Vec::new();
    let mut own: Option<&str> = None;
    let mut formats = Formats::default();
    for block in &doc.blocks {
        let fields;
        let table = match block {
            Block::Title(t) | Block::Heading(t) => {
                own = Some(t);
                continue;
            }
            Block::Table(t) => t,
            Block::Fields(f) => {
                fields = Table::of_fields(f, ["field", "value"]);
                &fields
            }
            _ => continue,
        };
        let named = own.take().or(title);
        let columns = Columns::of(table);
        // A table longer than a sheet goes on over as many as it takes,
        // each with the header row.
        let parts = columns.rows.div_ceil(max_rows).max(1);
        let mut rows = table.rows.iter();
        for _ in 0..parts {
            let name = sheet_name(named, names.len() + 1, &names);
            let mut cut = |cell: String, length| warnings.push(cut_warning(&name, &cell, length));
            let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
            sheet.set_name(&name).map_err(err)?;
            write_header(sheet, table, &columns, &mut formats, &mut cut).map_err(err)?;
            for (r, row) in (1..=max_rows).zip(rows.by_ref()) {
                let r = u32::try_from(r).unwrap_or(u32::MAX);
                write_row(sheet, r, table, &row, &columns, &mut formats, &mut cut).map_err(err)?;
            }
            names.push(name);
        }
        if parts > 1 {
            warnings.push(format!(
                "a table of {} rows is longer than a sheet of Excel ({max_rows} rows under its header): it goes on over {parts} sheets, each with the header",
                columns.rows
            ));
        }
    }
    if names.is_empty() {
        // A workbook has at least one sheet.
        book.add_worksheet().set_name("empty").map_err(err)?;
    }
    book.save_to_writer(out).map_err(err)?;
    Ok(warnings)
}

/// The warning for a cell whose text is cut to fit.
fn cut_warning(sheet: &str, cell: &str, length: usize) -> String {
    format!(
        "sheet “{sheet}”, cell {cell}: its text of {length} characters is longer than a cell of Excel holds ({MAX_CELL}); it is cut, and ends saying so (--format json has it whole)"
    )
}

/// What the first reading of a table learns: each column's type and width.
struct Columns {
    types: ColumnTypes,
    widths: Vec<usize>,
    /// The rows read, counted rather than taken from the table's word.
    rows: usize,
}

impl Columns {
    fn of(t: &Table) -> Self {
        let mut types = ColumnTypes::default();
        let mut widths: Vec<usize> = t.headers.iter().map(|h| chars(h)).collect();
        let mut rows = 0;
        for row in t.rows.iter() {
            rows += 1;
            let plain: Vec<Cow<str>> = row.iter().map(|c| c.plain_cow("; ")).collect();
            types.observe(plain.iter().map(|c| c.as_ref()));
            for (c, s) in plain.iter().enumerate() {
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(chars(s));
                }
            }
        }
        Columns {
            types,
            widths,
            rows,
        }
    }
}

/// The formats of cells, made once each: a workbook of a million coloured
/// cells has a few dozen formats.
#[derive(Default)]
struct Formats {
    bold: Option<Format>,
    made: std::collections::HashMap<FormatKey, Option<Format>>,
}

#[derive(PartialEq, Eq, Hash)]
enum FormatKey {
    /// A heat-map colour, and whether it takes light ink.
    Heat(String, bool),
    Tone(Tone),
}

impl Formats {
    fn bold(&mut self) -> &Format {
        self.bold.get_or_insert_with(|| Format::new().set_bold())
    }

    /// The colour of a cell: a score in a heat column, else the tone of a
    /// relation; none for the rest.
    fn of(&mut self, t: &Table, c: usize, text: &Text, cell: &Typed) -> Option<&Format> {
        let key = match (t.heat.contains(&c), cell) {
            (true, Typed::Number(x)) => {
                let (hex, light) = heat(*x);
                FormatKey::Heat(hex, light)
            }
            _ => {
                let mut tones = text.lines.iter().flatten().map(|s| s.tone);
                let tone = tones.next()?;
                if tones.any(|t| t != tone) {
                    return None;
                }
                FormatKey::Tone(tone)
            }
        };
        self.made
            .entry(key)
            .or_insert_with_key(|key| match key {
                FormatKey::Heat(hex, light) => Some(
                    Format::new()
                        .set_background_color(rgb(hex))
                        .set_font_color(rgb(heat_ink(*light))),
                ),
                FormatKey::Tone(tone) => tone_colours(*tone)
                    .map(|(bg, fg)| Format::new().set_background_color(bg).set_font_color(fg)),
            })
            .as_ref()
    }
}

/// `s` as a cell may hold it: whole where it fits, else cut to Excel's limit
/// and ending with a mark that says how much is left out.
fn fitted(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL || s.encode_utf16().count() <= MAX_CELL {
        return Cow::Borrowed(s);
    }
    let total = s.chars().count();
    // The mark is written for the most that could be cut; the cut is then
    // made to leave room for it.
    let mark = |cut: usize| format!(" … [cut: {cut} more characters; see --format json]");
    let room = MAX_CELL - mark(total).encode_utf16().count();
    let (mut units, mut kept) = (0, 0);
    for c in s.chars() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        kept += 1;
    }
    let head: String = s.chars().take(kept).collect();
    Cow::Owned(format!("{head}{}", mark(total - kept)))
}

/// The rows of a sheet under its header row: Excel's 1 048 576 less one.
const MAX_ROWS: usize = 1_048_575;

fn err(e: XlsxError) -> Error {
    Error::Io(format!("cannot make the workbook: {e}"))
}

/// Write a sheet's header row, frozen, and its columns' widths; `cut` is
/// told of each cell whose text is cut to fit (its A1 reference, and its
/// length in characters).
fn write_header(
    sheet: &mut Worksheet,
    t: &Table,
    columns: &Columns,
    formats: &mut Formats,
    cut: &mut dyn FnMut(String, usize),
) -> std::result::Result<(), XlsxError> {
    for (c, w) in columns.widths.iter().enumerate() {
        sheet.set_column_width(col(c), (w.min(&MAX_WIDTH) + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, h) in t.headers.iter().enumerate() {
        sheet.write_string_with_format(
            0,
            col(c),
            whole_or_cut(0, col(c), h, cut),
            formats.bold(),
        )?;
    }
    Ok(())
}

/// `s` as [`fitted`] makes it, telling `cut` where it was cut.
fn whole_or_cut(r: u32, c: u16, s: &str, cut: &mut dyn FnMut(String, usize)) -> String {
    let fits = fitted(s);
    if let Cow::Owned(_) = fits {
        cut(row_col_to_cell(r, c), s.chars().count());
    }
    fits.into_owned()
}

/// Write one row of a table, as row `r` of the sheet.
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    t: &Table,
    row: &[Text],
    columns: &Columns,
    formats: &mut Formats,
    cut: &mut dyn FnMut(String, usize),
) -> std::result::Result<(), XlsxError> {
    for (c, text) in row.iter().enumerate() {
        let plain = text.plain_cow("; ");
        let cell = columns.types.typed(c, &plain);
        let format = formats.of(t, c, text, &cell);
        let c16 = col(c);
        match (&cell, format) {
            (Typed::Empty, _) => continue,
            (Typed::Number(x), Some(f)) => sheet.write_number_with_format(r, c16, *x, f)?,
            (Typed::Number(x), None) => sheet.write_number(r, c16, *x)?,
            (Typed::Bool(b), _) => sheet.write_boolean(r, c16, *b)?,
            (Typed::Text(s), Some(f)) => {
                sheet.write_string_with_format(r, c16, whole_or_cut(r, c16, s, cut), f)?
            }
            (Typed::Text(s), None) => sheet.write_string(r, c16, whole_or_cut(r, c16, s, cut))?,
        };
    }
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn chars(s: &str) -> usize {
    s.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// A sheet name from a table's title: at most 31 characters, none of
/// `[]:*?/\`, not starting or ending with `'`, and unique in the workbook
/// (Excel compares names ignoring case). Without a title, "table N".
fn sheet_name(title: Option<&str>, n: usize, taken: &[String]) -> String {
    let cleaned: String = title
        .unwrap_or_default()
        .chars()
        .map(|ch| match ch {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            ch if ch.is_control() => ' ',
            ch => ch,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    let base = if cleaned.is_empty() {
        format!("table {n}")
    } else {
        cleaned
    };
    let clash = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let cut = |s: &str, max: usize| {
        s.chars()
            .take(max)
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    let mut name = cut(&base, MAX_NAME);
    let mut k = 2;
    while clash(&name) {
        let suffix = format!(" ({k})");
        name = format!("{}{suffix}", cut(&base, MAX_NAME - suffix.chars().count()));
        k += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_longer_than_a_sheet_goes_on_over_more_sheets() {
        let rows: Vec<Vec<Text>> = (0..7).map(|n| vec![Text::plain(n.to_string())]).collect();
        let mut doc = Doc::default();
        doc.push(Block::Table(crate::view::data_table(&["n"], rows)));
        let mut bytes = Vec::new();
        let warnings = render_sheets(&doc, Some("Numbers"), 3, &mut bytes).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("a table of 7 rows") && warnings[0].contains("3 sheets"));
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), 3, "{names:?}");
        let mut seen = Vec::new();
        for name in names {
            let range = book.worksheet_range(&name).unwrap();
            let mut cells = range.rows();
            assert_eq!(cells.next().unwrap()[0].to_string(), "n");
            seen.extend(cells.map(|r| r[0].to_string()));
        }
        assert_eq!(seen, ["0", "1", "2", "3", "4", "5", "6"]);
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let long = "Agreement between the parties as of geneva: [all] issues?";
        let first = sheet_name(Some(long), 1, &[]);
        assert!(first.chars().count() <= MAX_NAME);
        assert!(!first.contains(['[', ']', ':', '?']));
        let second = sheet_name(Some(long), 2, std::slice::from_ref(&first));
        assert_ne!(first.to_lowercase(), second.to_lowercase());
        assert!(second.chars().count() <= MAX_NAME);
        assert_eq!(sheet_name(None, 3, &[]), "table 3");
        assert_eq!(sheet_name(Some("'x'"), 1, &[]), "x");
    }
}
