//! What may reach a terminal. A character that a terminal acts on (a C0 or
//! C1 control, and so every escape sequence, which starts with one) or that
//! a reader cannot see (bidirectional marks and overrides, zero-width and
//! other format characters, fillers, tags) is *hidden*. Hidden characters
//! are refused in the text of the data files (the `text` checks of
//! [`crate::data::model`]), and escaped, as `\u{1b}`, in every name that is
//! printed: file and folder names, paths, ids typed on the command line.
//! [`shown`] is the one function that does it.
//!
//! Not hidden: ZWNJ and ZWJ (U+200C, U+200D), which Persian, the Indic
//! scripts and emoji sequences need, and which a terminal does not act on
//! (the data files allow them only between two non-ASCII characters, see
//! [`stray_joiner`]); variation selectors, which pick how an emoji or an
//! ideograph is drawn.

use std::borrow::Cow;
use std::path::Path;

/// A control character, or a character that draws nothing and is not a
/// space: see the module's comment.
pub fn hidden(c: char) -> bool {
    c.is_control() || invisible(c)
}

/// The characters, other than controls, that draw nothing or reorder what
/// is around them.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' // soft hyphen
        | '\u{034f}' // combining grapheme joiner
        | '\u{061c}' // Arabic letter mark
        | '\u{115f}' | '\u{1160}' // Hangul fillers
        | '\u{17b4}' | '\u{17b5}' // Khmer inherent vowels, never drawn
        | '\u{180e}' // Mongolian vowel separator
        | '\u{200b}' // zero-width space
        | '\u{200e}' | '\u{200f}' // left-to-right and right-to-left marks
        | '\u{2028}' | '\u{2029}' // line and paragraph separators
        | '\u{202a}'..='\u{202e}' // bidirectional embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{206f}' // bidirectional isolates, deprecated formats
        | '\u{3164}' // Hangul filler
        | '\u{feff}' // zero-width no-break space (a byte order mark)
        | '\u{ffa0}' // halfwidth Hangul filler
        | '\u{fff9}'..='\u{fffb}' // interlinear annotation
        | '\u{1bca0}'..='\u{1bca3}' // shorthand format controls
        | '\u{1d173}'..='\u{1d17a}' // musical format controls
        | '\u{e0000}'..='\u{e007f}' // tags
    )
}

/// ZWNJ and ZWJ.
pub fn joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// The first ZWNJ or ZWJ in `s` that does not stand between two non-ASCII
/// characters: at an edge of the text, or next to a Latin letter, a digit or
/// a space, it joins nothing a script needs and only hides.
pub fn stray_joiner(s: &str) -> Option<char> {
    let letter = |n: Option<char>| n.is_some_and(|n| !n.is_ascii() && !n.is_whitespace());
    let mut before = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if joiner(c) && !(letter(before) && letter(chars.peek().copied())) {
            return Some(c);
        }
        before = Some(c);
    }
    None
}

/// A name as printed: every hidden character (line breaks and tabs too)
/// escaped as `\u{…}`, so that a file named with escape sequences shows
/// what it is called rather than acting on the terminal.
pub fn shown(name: &str) -> Cow<'_, str> {
    escape(name, |_| false)
}

/// A path as printed, as [`shown`].
pub fn shown_path(path: &Path) -> String {
    shown(&path.display().to_string()).into_owned()
}

/// A message of several lines as printed: as [`shown`], but line breaks
/// and tabs kept.
pub fn shown_text(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| hidden(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_terminal_escapes_is_shown_escaped() {
        let name = "x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.toml\n";
        assert_eq!(
            shown(name),
            r"x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.toml\u{a}"
        );
        assert!(matches!(shown("rounds/é-1.toml"), Cow::Borrowed(_)));
        assert_eq!(shown_text("a\n\tb\u{200b}"), "a\n\tb\\u{200b}");
    }

    #[test]
    fn joiners_are_allowed_between_two_letters_of_a_script_only() {
        // Persian (ZWNJ), Devanagari (ZWJ after a virama), an emoji sequence.
        for ok in [
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "👩\u{200d}⚕\u{fe0f}",
            "plain",
        ] {
            assert_eq!(stray_joiner(ok), None, "{ok}");
        }
        for bad in [
            "\u{200d}North",
            "No\u{200d}rth",
            "North\u{200c}",
            "a \u{200c}ب",
        ] {
            assert!(stray_joiner(bad).is_some(), "{bad}");
        }
    }
}
