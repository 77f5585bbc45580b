//! Quotes checked against a source's local text, word for word.

use super::*;

impl Checker<'_> {
    /// Count a quote, and verify it against its source's text where there
    /// is one: a quote the text does not hold is an error.
    pub(super) fn verify_quote(
        &mut self,
        quote: &Spanned<String>,
        file: FileId,
        source: Option<usize>,
    ) {
        self.tally.quotes += 1;
        let Some(s) = source else { return };
        let Some((path, text)) = &self.texts[s] else {
            return;
        };
        let wanted = normalise(quote.get_ref());
        if text.contains(&wanted) {
            self.tally.verified += 1;
            return;
        }
        self.tally.not_found += 1;
        let d = Diagnostic::error(format!(
            "the quote is not found verbatim in source `{}`",
            self.sources[s].id
        ))
        .at(file, quote.span())
        .label(format!("not in {path}"))
        .help(where_quote_differs(&wanted, text));
        self.push(d);
    }
}

/// Where a quote parts from the source text: the longest run of its first
/// words that the text holds, and the word after it on either side.
fn where_quote_differs(quote: &str, text: &str) -> String {
    let words: Vec<&str> = quote.split(' ').collect();
    let mut matched = 0;
    while matched < words.len() && text.contains(&words[..=matched].join(" ")) {
        matched += 1;
    }
    if matched == 0 {
        return format!(
            "not even its first word, “{}”, is in the source text: is `source` the right one?",
            words.first().copied().unwrap_or_default()
        );
    }
    let prefix = words[..matched].join(" ");
    let after = text
        .find(&prefix)
        .and_then(|at| text[at + prefix.len()..].split(' ').find(|w| !w.is_empty()))
        .unwrap_or("(the end of the text)");
    let shown = words[matched.saturating_sub(4)..matched].join(" ");
    let lead = if matched > 4 { "…" } else { "" };
    format!(
        "the source reads “{lead}{shown}” and then “{after}”, where the quote has “{}”; copy the quote exactly as the source prints it (white space and quote marks may differ)",
        words[matched]
    )
}

/// Text as compared for verbatim quotes: white space runs folded to one
/// space, typographic quote marks made straight.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}
