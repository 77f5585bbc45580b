//! Quotes checked against a source's local text, word for word.

use super::*;

/// What checking found of one quote against its source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteCheck {
    /// Found verbatim (white space and quote marks aside) in the text.
    Verified,
    /// Not in the text: `check` reports it as an error.
    NotFound,
    /// No text of its source to look in (or no source).
    NoText,
}

/// The check of every quote of a talks, by its source's id and its words
/// as written: what a page that shows a quote marks it with.
#[derive(Debug, Default, Clone)]
pub struct QuoteChecks(HashMap<(Option<String>, String), QuoteCheck>);

impl QuoteChecks {
    /// How the quote `quote` citing the source `source` was checked; one
    /// never checked counts as having no text.
    pub fn get(&self, source: Option<&str>, quote: &str) -> QuoteCheck {
        self.0
            .get(&(source.map(str::to_string), quote.to_string()))
            .copied()
            .unwrap_or(QuoteCheck::NoText)
    }

    /// The same words from the same source id (two rounds may each define
    /// one) count as not found if any copy was not.
    fn record(&mut self, source: Option<&str>, quote: &str, check: QuoteCheck) {
        let seen = self
            .0
            .entry((source.map(str::to_string), quote.to_string()))
            .or_insert(check);
        if check == QuoteCheck::NotFound {
            *seen = check;
        }
    }
}

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
        let id = source.map(|s| self.sources[s].id.clone());
        let record = |c: &mut Self, check| c.checks.record(id.as_deref(), quote.get_ref(), check);
        let Some(s) = source else {
            return record(self, QuoteCheck::NoText);
        };
        let Some((path, text)) = &self.texts[s] else {
            return record(self, QuoteCheck::NoText);
        };
        let wanted = normalise(quote.get_ref());
        if text.contains(&wanted) {
            self.tally.verified += 1;
            return record(self, QuoteCheck::Verified);
        }
        let path = path.clone();
        let help = where_quote_differs(&wanted, text);
        record(self, QuoteCheck::NotFound);
        self.tally.not_found += 1;
        let d = Diagnostic::error(format!(
            "the quote is not found verbatim in source `{}`",
            self.sources[s].id
        ))
        .at(file, quote.span())
        .label(format!("not in {path}"))
        .help(help);
        self.push(d);
    }
}

/// Where a quote parts from the source text. The passage of the source
/// that holds most of the quote's words is found in one pass over the text
/// (a window as long as the quote, sliding word by word); when it holds
/// fewer than half of them, the quote is a paraphrase and the passage is
/// shown; else the two are compared word by word and the first difference
/// is pinned.
fn where_quote_differs(quote: &str, text: &str) -> String {
    let quote: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let (shared, start) = closest_passage(&quote, &words);
    let n = quote.len();
    if shared == 0 {
        return "not one of its words is in the source text: is `source` the right one?".into();
    }
    // A little more of the source on each side, for the comparison.
    let from = start.saturating_sub(2);
    let to = (start + n + 2).min(words.len());
    let window = &words[from..to];
    if shared * 2 < n {
        return format!(
            "most of the quote is not in the source: at most {shared} of its {n} words come together in it. The closest passage reads “{}”; quote the words as the source prints them (a paraphrase goes in `summary`)",
            shown(&words[start..(start + n).min(words.len())])
        );
    }
    let (a, b): (Vec<String>, Vec<String>) = (
        window.iter().map(|w| fold(w)).collect(),
        quote.iter().map(|w| fold(w)).collect(),
    );
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
    // Words of the source before the quote begins are not a difference.
    let mut agreed: Vec<&str> = Vec::new();
    for op in ops
        .iter()
        .skip_while(|op| matches!(op, similar::DiffOp::Delete { .. }))
    {
        let (source_at, quote_at) = match *op {
            similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                // Equal once folded: the first word that differs as written
                // (a capital, a comma).
                let differs = (0..len).find(|&k| {
                    let (s, q) = (window[old_index + k], quote[new_index + k]);
                    // The quote may begin inside the source's word (after a
                    // quote mark) and end inside one (before a full stop),
                    // as the text is searched; not with other marks.
                    let at = new_index + k;
                    match (at == 0, at + 1 == n) {
                        (true, true) => !s.contains(q),
                        (true, false) => !s.ends_with(q),
                        (false, true) => !s.starts_with(q),
                        (false, false) => s != q,
                    }
                });
                match differs {
                    Some(k) => {
                        agreed.extend(&window[old_index..old_index + k]);
                        (old_index + k, new_index + k)
                    }
                    None => {
                        agreed.extend(&window[old_index..old_index + len]);
                        continue;
                    }
                }
            }
            similar::DiffOp::Delete {
                old_index,
                new_index,
                ..
            }
            | similar::DiffOp::Insert {
                old_index,
                new_index,
                ..
            }
            | similar::DiffOp::Replace {
                old_index,
                new_index,
                ..
            } => (old_index, new_index),
        };
        let source_word = match window.get(source_at) {
            Some(w) => format!("and then “{w}”"),
            None => "and no more".to_string(),
        };
        let quote_word = match quote.get(quote_at) {
            Some(w) => format!("where the quote has “{w}”"),
            None => "where the quote ends".to_string(),
        };
        let lead = if agreed.len() > 4 { "…" } else { "" };
        let read = agreed[agreed.len().saturating_sub(4)..].join(" ");
        let shown = format!("{read} {}", window.get(source_at).unwrap_or(&""));
        let fix = "copy the quote exactly as the source prints it (white space and quote marks may differ)";
        return if agreed.is_empty() {
            format!(
                "the quote begins “{}”, where the closest passage of the source has “{}”{}; {fix}",
                quote.get(quote_at).unwrap_or(&""),
                window.get(source_at).unwrap_or(&""),
                as_compared(&shown)
            )
        } else {
            format!(
                "the source reads “{lead}{read}” {source_word}{}, {quote_word}; {fix}",
                as_compared(&shown)
            )
        };
    }
    format!(
        "the quote runs past the passage of the source that holds it: “{}”",
        shown(window)
    )
}

/// What a message says of the source's words it shows, where they may not
/// be as the source prints them: they are compared with quote marks made
/// straight (and white space folded, which a reader does not miss).
fn as_compared(shown: &str) -> &'static str {
    if shown.contains(['"', '\'']) {
        " (quote marks made straight, as compared)"
    } else {
        ""
    }
}

/// A word as compared for closeness: lowercase, without punctuation.
fn fold(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The window of the text, as many words long as the quote, that holds the
/// most of the quote's words (counted with repeats): how many, and where it
/// starts. One pass, each word in and out of the window once.
fn closest_passage(quote: &[&str], words: &[&str]) -> (usize, usize) {
    use std::collections::HashMap;
    let n = quote.len();
    let mut need: HashMap<String, i32> = HashMap::new();
    for w in quote {
        *need.entry(fold(w)).or_default() += 1;
    }
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut have: HashMap<&str, i32> = HashMap::new();
    let (mut shared, mut best) = (0usize, (0usize, 0usize));
    for (k, w) in folded.iter().enumerate() {
        let wanted = need.get(w.as_str()).copied().unwrap_or(0);
        let h = have.entry(w.as_str()).or_default();
        *h += 1;
        if *h <= wanted {
            shared += 1;
        }
        if k >= n {
            let out = folded[k - n].as_str();
            let wanted = need.get(out).copied().unwrap_or(0);
            let h = have.entry(out).or_default();
            if *h <= wanted {
                shared -= 1;
            }
            *h -= 1;
        }
        if shared > best.0 {
            best = (shared, (k + 1).saturating_sub(n));
        }
    }
    best
}

/// Words of the source as shown in a message: at most 30.
fn shown(words: &[&str]) -> String {
    if words.len() > 30 {
        format!("{} …", words[..30].join(" "))
    } else {
        words.join(" ")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_changed_is_pinned_where_the_quote_parts_from_the_source() {
        let help = where_quote_differs(
            "We will pay no toll.",
            "North said: We will pay a small toll. South left.",
        );
        assert!(
            help.starts_with(
                "the source reads “We will pay” and then “a”, where the quote has “no”"
            ),
            "{help}"
        );
    }

    /// The source as it reads, its comma where the quote has a full stop,
    /// and the end of the quote said so.
    #[test]
    fn the_source_is_quoted_as_it_reads_and_the_quote_ending_said_plainly() {
        let text = normalise("They said: We will never accept lower   quotas, not ever.");
        assert_eq!(
            where_quote_differs(&normalise("We will never accept lower quotas."), &text),
            "the source reads “…will never accept lower” and then “quotas,”, where the quote has “quotas.”; copy the quote exactly as the source prints it (white space and quote marks may differ)"
        );
        assert!(
            where_quote_differs("We will pay", "We will pay no toll.")
                .starts_with("the source reads “We will pay” and then “no”, where the quote ends;")
        );
        // Where the source's words shown hold a quote mark, it is said
        // that they are compared straight.
        let help = where_quote_differs(
            &normalise("“We will pay no"),
            &normalise("He said: “We will pay a toll."),
        );
        assert!(
            help.starts_with("the source reads “\"We will pay” and then “a” (quote marks made straight, as compared), where the quote has “no”;"),
            "{help}"
        );
    }

    #[test]
    fn a_capital_is_a_difference_too() {
        let help = where_quote_differs("we will pay", "North said: We will pay.");
        assert!(
            help.starts_with(
                "the quote begins “we”, where the closest passage of the source has “We”"
            ),
            "{help}"
        );
    }

    /// The curator's paraphrase: a few words in common, the rest their own.
    #[test]
    fn a_paraphrase_is_said_to_be_one_and_the_closest_passage_shown() {
        let source = "The parties agree that there should be transitional arrangements for the West Bank and Gaza for a period not exceeding five years. In order to provide full autonomy to the inhabitants, the Israeli military government will be withdrawn.";
        let help = where_quote_differs(
            "a transitional regime of five years for the occupied territories",
            source,
        );
        assert_eq!(
            help,
            "most of the quote is not in the source: at most 4 of its 10 words come together in it. The closest passage reads “transitional arrangements for the West Bank and Gaza for a”; quote the words as the source prints them (a paraphrase goes in `summary`)"
        );
    }

    #[test]
    fn nothing_in_common_asks_whether_the_source_is_the_right_one() {
        assert!(where_quote_differs("quite other words", "The text.").starts_with("not one of"));
    }
}
