//! HTML → article text, with a map from every output byte to the HTML.
//!
//! A deliberately small scanner rather than a DOM: it must survive truncated
//! and malformed pages, and it must know, for every character it keeps, where
//! that character stood in the page (evidence spans point at original bytes).
//!
//! Kept: the article body (`<article>`, else `<main>`, else `<body>`), with
//! block elements turned into line breaks and entities decoded. Dropped:
//! scripts, styles, navigation, headers/footers, asides, forms, and elements
//! whose class or id names boilerplate (menu, share, comments, related, ads…).

use crate::offsets::OffsetMap;

/// Clean text and its map back into the HTML string it came from.
#[derive(Debug, Clone)]
pub struct CleanHtml {
    pub text: String,
    pub map: OffsetMap,
    /// The page `<title>`, if any.
    pub title: Option<String>,
    /// Notes for the diagnostics ("truncated HTML: unterminated tag at byte 1234").
    pub notes: Vec<String>,
}

const SKIP_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "header", "footer",
    "aside", "form", "button", "select", "textarea", "figure", "object", "video", "audio",
    "canvas",
];
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title"];
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "main",
    "dd",
    "dt",
    "pre",
    "hr",
    "body",
];
/// class/id fragments that mark boilerplate blocks.
const BOILERPLATE_HINTS: &[&str] = &[
    "menu",
    "navbar",
    "breadcrumb",
    "share",
    "social",
    "comment",
    "related",
    "sidebar",
    "cookie",
    "newsletter",
    "advert",
    "banner",
    "promo",
    "footer",
    "subscribe",
    "widget",
];

/// Extracts the article text of an HTML page.
pub fn clean(html: &str) -> CleanHtml {
    let lower = html.to_ascii_lowercase();
    let scopes = ["article", "main", "body"];
    for scope in scopes {
        if let Some(out) = scan(html, &lower, Some(scope)) {
            let long_enough = out.text.trim().chars().count() >= 200 || scope == "body";
            if long_enough && !out.text.trim().is_empty() {
                return out;
            }
        }
    }
    // No recognisable structure (a fragment): keep everything that is not boilerplate.
    scan(html, &lower, None).unwrap_or_else(|| CleanHtml {
        text: String::new(),
        map: OffsetMap::identity(0, 0),
        title: None,
        notes: vec!["no text found in the HTML".into()],
    })
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
    end: usize,
}

/// Parses the tag starting at `i` (`html[i] == '<'`). `None` if unterminated.
fn parse_tag<'a>(html: &'a str, lower: &'a str, i: usize) -> Option<Tag<'a>> {
    let bytes = html.as_bytes();
    let mut j = i + 1;
    let closing = bytes.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b':')
    {
        j += 1;
    }
    let name = &lower[name_start..j];
    let attrs_start = j;
    let mut quote: Option<u8> = None;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                let self_closing = j > attrs_start && bytes[j - 1] == b'/';
                return Some(Tag {
                    name,
                    closing,
                    self_closing,
                    attrs: &lower[attrs_start..j],
                    end: j + 1,
                });
            }
            None => {}
        }
        j += 1;
    }
    None
}

fn is_boilerplate(attrs: &str) -> bool {
    for key in ["class=", "id=", "role="] {
        let mut rest = attrs;
        while let Some(p) = rest.find(key) {
            let v = &rest[p + key.len()..];
            let v = v.trim_start_matches(['"', '\'']);
            let end = v.find(['"', '\'', '>']).unwrap_or(v.len());
            let value = &v[..end];
            if BOILERPLATE_HINTS.iter().any(|h| value.contains(h)) || value == "navigation" {
                return true;
            }
            rest = &v[end..];
        }
    }
    false
}

struct Writer {
    text: String,
    builder: crate::offsets::OffsetMapBuilder,
    pending_space: Option<usize>,
}

impl Writer {
    fn push(&mut self, s: &str, src: usize) {
        if let Some(sp) = self.pending_space.take() {
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.builder.checkpoint(self.text.len(), sp);
                self.text.push(' ');
            }
        }
        self.builder.checkpoint(self.text.len(), src);
        self.text.push_str(s);
    }
    fn space(&mut self, src: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some(src);
        }
    }
    fn newline(&mut self, src: usize) {
        self.pending_space = None;
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.builder.checkpoint(self.text.len(), src);
            self.text.push('\n');
        }
    }
}

/// One pass. With `scope`, only text inside that element counts; returns
/// `None` when the scope element is absent.
fn scan(html: &str, lower: &str, scope: Option<&str>) -> Option<CleanHtml> {
    if let Some(s) = scope {
        if !lower.contains(&format!("<{s}")) {
            return None;
        }
    }
    let bytes = html.as_bytes();
    let mut w = Writer {
        text: String::new(),
        builder: OffsetMap::builder(html.len()),
        pending_space: None,
    };
    let mut notes = Vec::new();
    let mut title = None;
    let mut skip: Option<(String, usize)> = None; // element being skipped, nesting depth
    let mut scope_depth = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            if lower[i..].starts_with("<!--") {
                i = lower[i + 4..]
                    .find("-->")
                    .map(|p| i + 4 + p + 3)
                    .unwrap_or(bytes.len());
                continue;
            }
            if matches!(bytes.get(i + 1), Some(b'!') | Some(b'?')) {
                i = html[i..]
                    .find('>')
                    .map(|p| i + p + 1)
                    .unwrap_or(bytes.len());
                continue;
            }
            let starts_tag =
                matches!(bytes.get(i + 1), Some(c) if c.is_ascii_alphabetic() || *c == b'/');
            if !starts_tag {
                if skip.is_none() && (scope.is_none() || scope_depth > 0) {
                    w.push("<", i);
                }
                i += 1;
                continue;
            }
            let Some(tag) = parse_tag(html, lower, i) else {
                notes.push(format!("truncated HTML: unterminated tag at byte {i}"));
                break;
            };
            let name = tag.name;
            // Raw-text elements: jump to their end tag.
            if !tag.closing && RAW_TEXT_ELEMENTS.contains(&name) {
                let close = format!("</{name}");
                let body_end = lower[tag.end..]
                    .find(&close)
                    .map(|p| tag.end + p)
                    .unwrap_or(bytes.len());
                if name == "title" && title.is_none() {
                    let t = decode_entities_plain(html[tag.end..body_end].trim());
                    if !t.is_empty() {
                        title = Some(t);
                    }
                }
                i = lower[body_end..]
                    .find('>')
                    .map(|p| body_end + p + 1)
                    .unwrap_or(bytes.len());
                continue;
            }
            if let Some((ref sname, ref mut depth)) = skip {
                if name == sname && !VOID_ELEMENTS.contains(&name) && !tag.self_closing {
                    if tag.closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    } else {
                        *depth += 1;
                    }
                }
                i = tag.end;
                continue;
            }
            if Some(name) == scope {
                if tag.closing {
                    scope_depth = scope_depth.saturating_sub(1);
                } else {
                    scope_depth += 1;
                }
            }
            let in_scope = scope.is_none() || scope_depth > 0;
            if !tag.closing
                && !tag.self_closing
                && !VOID_ELEMENTS.contains(&name)
                && Some(name) != scope
                && (SKIP_ELEMENTS.contains(&name) || is_boilerplate(tag.attrs))
            {
                skip = Some((name.to_string(), 1));
                i = tag.end;
                continue;
            }
            if in_scope {
                if BLOCK_ELEMENTS.contains(&name) {
                    w.newline(i);
                } else if matches!(name, "td" | "th" | "span" | "a" | "img") {
                    w.space(i);
                }
            }
            i = tag.end;
            continue;
        }
        if skip.is_some() || (scope.is_some() && scope_depth == 0) {
            i += 1;
            continue;
        }
        if b == b'&' {
            if let Some((decoded, len)) = decode_entity(&html[i..]) {
                if decoded.chars().all(char::is_whitespace) {
                    w.space(i);
                } else {
                    w.push(&decoded, i);
                }
                i += len;
                continue;
            }
        }
        let ch_len = utf8_len(b);
        let end = (i + ch_len).min(bytes.len());
        let Some(ch) = html.get(i..end) else {
            i += 1;
            continue;
        };
        if ch.chars().all(char::is_whitespace) {
            w.space(i);
        } else {
            w.push(ch, i);
        }
        i = end;
    }
    let text_len = {
        while w.text.ends_with([' ', '\n']) {
            w.text.pop();
        }
        w.text.len()
    };
    Some(CleanHtml {
        text: w.text,
        map: w.builder.finish(text_len),
        title,
        notes,
    })
}

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

const NAMED_ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("eacute", "é"),
    ("Eacute", "É"),
    ("egrave", "è"),
    ("Egrave", "È"),
    ("ecirc", "ê"),
    ("Ecirc", "Ê"),
    ("euml", "ë"),
    ("agrave", "à"),
    ("Agrave", "À"),
    ("acirc", "â"),
    ("Acirc", "Â"),
    ("auml", "ä"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("icirc", "î"),
    ("Icirc", "Î"),
    ("iuml", "ï"),
    ("ocirc", "ô"),
    ("Ocirc", "Ô"),
    ("ouml", "ö"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uuml", "ü"),
    ("oelig", "œ"),
    ("OElig", "Œ"),
    ("aelig", "æ"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("rsquo", "’"),
    ("lsquo", "‘"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("hellip", "…"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("deg", "°"),
    ("copy", "©"),
    ("euro", "€"),
    ("shy", ""),
    ("thinsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("middot", "·"),
    ("bull", "•"),
    ("aacute", "á"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("uacute", "ú"),
    ("ntilde", "ñ"),
];

/// Decodes one entity at the start of `s` (which starts with '&').
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let semi = s.get(1..s.len().min(12))?.find(';')? + 1;
    let body = &s[1..semi];
    let text = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Windows-1252 code points sent as numeric references (&#146;).
        let c = match code {
            0x80..=0x9F => {
                let byte = [code as u8];
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&byte)
                    .0
                    .chars()
                    .next()?
            }
            _ => char::from_u32(code)?,
        };
        c.to_string()
    } else {
        NAMED_ENTITIES
            .iter()
            .find(|(n, _)| *n == body)?
            .1
            .to_string()
    };
    Some((text, semi + 1))
}

fn decode_entities_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s.as_bytes()[i] == b'&' {
            if let Some((t, len)) = decode_entity(&s[i..]) {
                out.push_str(&t);
                i += len;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(html: &str, out: &CleanHtml, needle: &str) {
        let p = out.text.find(needle).expect("needle in text");
        let (s, e) = out.map.map_range(p, p + needle.len());
        assert_eq!(&html[s..e], needle, "map of {needle:?}");
    }

    #[test]
    fn keeps_article_drops_boilerplate() {
        let html = r#"<html><head><title>Mali : attaque</title><script>var x="<p>no</p>";</script></head>
<body><nav><a href="/">Accueil</a></nav><div class="menu">Menu</div>
<article><h1>Attaque à Ségou</h1><p>Des hommes armés ont attaqué le village de Diabaly&nbsp;le 9 septembre.</p>
<div class="share-buttons">Partager</div><p>Trois soldats ont été tués.</p></article>
<footer>© Journal</footer></body></html>"#;
        let out = clean(html);
        assert!(out.text.contains("Attaque à Ségou"));
        assert!(out.text.contains("Trois soldats ont été tués."));
        assert!(!out.text.contains("Accueil"));
        assert!(!out.text.contains("Partager"));
        assert!(!out.text.contains("Journal"));
        assert!(!out.text.contains("var x"));
        assert_eq!(out.title.as_deref(), Some("Mali : attaque"));
        check_map(html, &out, "Diabaly");
        check_map(html, &out, "Trois soldats");
    }

    #[test]
    fn entities_map_to_their_source() {
        let html = "<p>l&rsquo;arm&eacute;e malienne</p>";
        let out = clean(html);
        assert_eq!(out.text, "l’armée malienne");
        let p = out.text.find("malienne").unwrap();
        let (s, _) = out.map.map_range(p, p + 8);
        assert_eq!(&html[s..s + 8], "malienne");
    }

    #[test]
    fn truncated_html_keeps_what_it_read() {
        let html = "<body><p>Des tirs ont été entendus à Gao.</p><p>Le bilan <a href=\"x";
        let out = clean(html);
        assert!(out.text.contains("Des tirs ont été entendus à Gao."));
        assert!(out.notes.iter().any(|n| n.contains("truncated")));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_map_in_bounds(s in "(<[a-z/!]{0,6}[^<>]{0,10}>?|[^<]{0,20}|&[a-z#0-9]{0,6};?)*") {
            let out = clean(&s);
            let (a, b) = out.map.map_range(0, out.text.len());
            proptest::prop_assert!(a <= b && b <= s.len());
        }
    }
}
