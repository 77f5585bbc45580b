//! The word-level diff of a reworded summary or quote, by `similar`.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// A run of words of a word-level text diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    pub op: WordOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordOp {
    Equal,
    Removed,
    Added,
}

/// The word-level diff of two texts: runs of equal words, then of the words
/// removed and of the words added where they differ.
///
/// A rewritten sentence shares little but the spaces between its words;
/// a space between two changes counts as changed, so that the sentence
/// reads as one removed run and one added run, not as word-by-word confetti.
pub fn words(old: &str, new: &str) -> Vec<Words> {
    // The same two texts give the same runs whichever comes first, so that
    // a diff read backwards is the exact mirror of the forward one.
    if new >= old {
        return words_in_order(old, new);
    }
    let mut out: Vec<Words> = words_in_order(new, old)
        .into_iter()
        .map(|w| Words {
            op: match w.op {
                WordOp::Removed => WordOp::Added,
                WordOp::Added => WordOp::Removed,
                WordOp::Equal => WordOp::Equal,
            },
            ..w
        })
        .collect();
    // Removed before added, within each change.
    for k in 1..out.len() {
        if out[k - 1].op == WordOp::Added && out[k].op == WordOp::Removed {
            out.swap(k - 1, k);
        }
    }
    out
}

fn words_in_order(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::configure().diff_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    // Two sentences sharing a few small words ("no", "to") are a rewrite:
    // below a quarter of the words in common, one run out and one run in.
    let count = |keep: &dyn Fn(ChangeTag) -> bool| {
        tokens
            .iter()
            .filter(|(tag, text)| keep(*tag) && !text.trim().is_empty())
            .count()
    };
    let common = count(&|t| t == ChangeTag::Equal);
    let longer = count(&|t| t != ChangeTag::Insert).max(count(&|t| t != ChangeTag::Delete));
    if common * 4 < longer {
        return [(WordOp::Removed, old), (WordOp::Added, new)]
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(op, text)| Words {
                op,
                text: text.to_string(),
            })
            .collect();
    }
    let mut out: Vec<Words> = Vec::new();
    // The removed and the added text of the change block being read.
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Words>, removed: &mut String, added: &mut String| {
        for (op, text) in [(WordOp::Removed, removed), (WordOp::Added, added)] {
            if !text.is_empty() {
                out.push(Words {
                    op,
                    text: std::mem::take(text),
                });
            }
        }
    };
    for (k, &(tag, text)) in tokens.iter().enumerate() {
        let changed = |t: Option<&(ChangeTag, &str)>| t.is_some_and(|t| t.0 != ChangeTag::Equal);
        let between_changes = tag == ChangeTag::Equal
            && text.trim().is_empty()
            && k > 0
            && changed(tokens.get(k - 1))
            && changed(tokens.get(k + 1));
        match tag {
            ChangeTag::Delete => removed.push_str(text),
            ChangeTag::Insert => added.push_str(text),
            ChangeTag::Equal if between_changes => {
                removed.push_str(text);
                added.push_str(text);
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut removed, &mut added);
                match out.last_mut() {
                    Some(w) if w.op == WordOp::Equal => w.text.push_str(text),
                    _ => out.push(Words {
                        op: WordOp::Equal,
                        text: text.to_string(),
                    }),
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}
