//! A small HTML writer that cannot be fed unescaped data: element and
//! attribute names are `&'static str`, every text and attribute value is
//! escaped on the way in, and the only unescaped input, [`Html::raw`], takes
//! a `&'static str` (the page's own CSS). Links go out only for http(s) URLs.

use std::fmt::Write as _;

#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

/// Attributes of one element: `(name, value)`; the values are escaped.
pub type Attrs<'a> = &'a [(&'static str, &'a str)];

impl Html {
    pub fn new() -> Self {
        Html::default()
    }

    /// `<tag attrs…>`
    pub fn open(&mut self, tag: &'static str, attrs: Attrs<'_>) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            let _ = write!(self.out, " {name}=\"{}\"", escape(value));
        }
        self.out.push('>');
        self
    }

    /// `</tag>`, and a line break after a block, so that the page reads
    /// (and diffs) a row or a paragraph to a line.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        const BLOCKS: [&str; 24] = [
            "html",
            "head",
            "title",
            "style",
            "body",
            "header",
            "nav",
            "main",
            "section",
            "footer",
            "h1",
            "h2",
            "h3",
            "p",
            "ul",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "figure",
            "svg",
            "blockquote",
        ];
        let _ = write!(self.out, "</{tag}>");
        if BLOCKS.contains(&tag) {
            self.out.push('\n');
        }
        self
    }

    /// An element whose content `body` writes.
    pub fn el(
        &mut self,
        tag: &'static str,
        attrs: Attrs<'_>,
        body: impl FnOnce(&mut Html),
    ) -> &mut Self {
        self.open(tag, attrs);
        body(self);
        self.close(tag)
    }

    /// An element holding one piece of text.
    pub fn text_el(&mut self, tag: &'static str, attrs: Attrs<'_>, text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// An element with no content: an HTML void element such as `<meta …>`,
    /// or an SVG shape written `<circle …/>`.
    pub fn void(&mut self, tag: &'static str, attrs: Attrs<'_>) -> &mut Self {
        const HTML_VOID: [&str; 4] = ["meta", "br", "hr", "wbr"];
        const SVG_EMPTY: [&str; 5] = ["rect", "line", "circle", "polyline", "path"];
        debug_assert!(
            HTML_VOID.contains(&tag) || SVG_EMPTY.contains(&tag),
            "<{tag}> is not an empty element"
        );
        self.open(tag, attrs);
        if SVG_EMPTY.contains(&tag) {
            self.out.pop();
            self.out.push_str("/>");
        } else {
            self.out.push('\n');
        }
        self
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        self.out.push_str(&escape(s));
        self
    }

    /// Markup written by this program, never data.
    pub fn raw(&mut self, s: &'static str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// A link where `url` is a web address; plain text otherwise, so that a
    /// `javascript:` or `file:` URL in the data never becomes a live link.
    pub fn link(&mut self, url: Option<&str>, attrs: Attrs<'_>, text: &str) -> &mut Self {
        match url.filter(|u| is_web_url(u)) {
            Some(u) => {
                let mut all = vec![("href", u)];
                all.extend_from_slice(attrs);
                self.text_el("a", &all, text)
            }
            None => self.text_el("span", attrs, text),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escape text for an HTML element or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An absolute http or https URL: the only kind the report links to.
pub fn is_web_url(u: &str) -> bool {
    let lower = u.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attribute_values_are_escaped() {
        let mut h = Html::new();
        h.text_el(
            "td",
            &[("title", "\"><script>alert(1)</script>")],
            "<b>Tom & 'Jerry'</b>",
        );
        assert_eq!(
            h.finish(),
            "<td title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</td>"
        );
    }

    #[test]
    fn only_web_urls_become_links() {
        let mut h = Html::new();
        h.link(Some("https://example.org/a?b=1&c=2"), &[], "ok");
        h.link(Some("javascript:alert(1)"), &[], "js");
        h.link(Some(" JavaScript:alert(1)"), &[], "js2");
        h.link(Some("https://example.org/\"onmouseover=x"), &[], "quoted");
        h.link(Some("https://exa mple.org"), &[], "space");
        h.link(None, &[("class", "src")], "none");
        assert_eq!(
            h.finish(),
            "<a href=\"https://example.org/a?b=1&amp;c=2\">ok</a>\
             <span>js</span><span>js2</span>\
             <a href=\"https://example.org/&quot;onmouseover=x\">quoted</a>\
             <span>space</span><span class=\"src\">none</span>"
        );
    }

    #[test]
    fn void_elements_close_themselves_in_svg_only() {
        let mut h = Html::new();
        h.void("meta", &[("charset", "utf-8")]);
        h.void("circle", &[("r", "3")]);
        assert_eq!(h.finish(), "<meta charset=\"utf-8\">\n<circle r=\"3\"/>");
    }
}
