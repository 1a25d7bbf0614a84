//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds saved to disk → one document per item.
//!
//! A feed item becomes a document whose bytes are the item's title and
//! content (HTML when the feed gives HTML), so evidence spans point into
//! what was stored. The item's link is its URL, the feed's title its source
//! (unless the item names its own), the item's date its publication date.

use quick_xml::events::Event as Xml;
use quick_xml::Reader;
use vigie_core::{DocMeta, Document};

/// One item of a feed, before it becomes a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    /// `content:encoded` or Atom `content` (usually HTML).
    pub content: Option<String>,
    /// `description` or Atom `summary`.
    pub summary: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Whether bytes look like a feed (after an XML declaration and comments).
pub fn looks_like_feed(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
    text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf")
}

/// Errors that make a whole feed unreadable.
#[derive(Debug, thiserror::Error)]
#[error("feed is not well-formed XML at byte {position}: {message}")]
pub struct FeedError {
    pub position: u64,
    pub message: String,
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name).to_ascii_lowercase();
    match s.rsplit_once(':') {
        // Keep the namespace for `content:encoded`, which differs from `content`.
        Some(("content", "encoded")) => "content:encoded".to_string(),
        Some((_, l)) => l.to_string(),
        None => s,
    }
}

/// Parses a feed. Unknown elements are ignored; text and CDATA are kept.
pub fn parse(bytes: &[u8]) -> Result<Feed, FeedError> {
    let mut reader = Reader::from_reader(bytes);
    // Not trimmed: entities split text into pieces whose spaces matter.
    reader.config_mut().trim_text(false);
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<FeedItem> = None;
    let mut buf = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| FeedError {
            position: reader.buffer_position(),
            message: e.to_string(),
        })?;
        match ev {
            Xml::Start(e) => {
                let name = local(e.name().as_ref());
                if name == "item" || name == "entry" {
                    item = Some(FeedItem::default());
                }
                // Atom links are attributes: <link rel="alternate" href="…"/>.
                if name == "link" {
                    if let Some(it) = item.as_mut() {
                        take_href(&e, it);
                    }
                }
                stack.push(name);
            }
            Xml::Empty(e) if local(e.name().as_ref()) == "link" => {
                if let Some(it) = item.as_mut() {
                    take_href(&e, it);
                }
            }
            Xml::End(_) => {
                if let Some(name) = stack.pop() {
                    if name == "item" || name == "entry" {
                        if let Some(it) = item.take() {
                            feed.items.push(it);
                        }
                    }
                }
            }
            Xml::Text(t) => {
                let text = t.decode().map(|c| c.into_owned()).unwrap_or_default();
                let text = quick_xml::escape::unescape(&text)
                    .map(|c| c.into_owned())
                    .unwrap_or(text);
                put_text(&mut feed, item.as_mut(), &stack, text);
            }
            Xml::CData(t) => {
                let text = String::from_utf8_lossy(&t.into_inner()).into_owned();
                put_text(&mut feed, item.as_mut(), &stack, text);
            }
            Xml::GeneralRef(r) => {
                // Entities split text events: resolve the predefined ones.
                let name = String::from_utf8_lossy(&r.into_inner()).into_owned();
                let resolved = quick_xml::escape::unescape(&format!("&{name};"))
                    .map(|c| c.into_owned())
                    .unwrap_or_default();
                put_text(&mut feed, item.as_mut(), &stack, resolved);
            }
            Xml::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(feed)
}

fn take_href(e: &quick_xml::events::BytesStart<'_>, it: &mut FeedItem) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = String::from_utf8_lossy(&a.value).into_owned();
        match a.key.as_ref() {
            b"href" => href = Some(v),
            b"rel" => rel = Some(v),
            _ => {}
        }
    }
    if let Some(h) = href {
        if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none() {
            it.link = Some(h);
        }
    }
}

fn append(slot: &mut Option<String>, text: String) {
    match slot {
        Some(s) => s.push_str(&text),
        None => *slot = Some(text),
    }
}

fn put_text(feed: &mut Feed, item: Option<&mut FeedItem>, stack: &[String], text: String) {
    let Some(current) = stack.last().map(String::as_str) else {
        return;
    };
    match item {
        Some(it) => match current {
            "title" => append(&mut it.title, text),
            "link" => append(&mut it.link, text),
            "guid" | "id" => append(&mut it.id, text),
            // `updated` only when nothing better was given.
            "pubdate" | "published" | "date" => it.published = Some(text),
            "updated" if it.published.is_none() => it.published = Some(text),
            "author" | "creator" | "name" => append(&mut it.author, text),
            "content:encoded" | "content" => append(&mut it.content, text),
            "description" | "summary" => append(&mut it.summary, text),
            _ => {}
        },
        None => {
            // The feed's own title: `channel/title` or `feed/title`.
            let parent = stack
                .len()
                .checked_sub(2)
                .and_then(|i| stack.get(i))
                .map(String::as_str);
            if current == "title"
                && matches!(parent, Some("channel" | "feed"))
                && feed.title.is_none()
            {
                feed.title = Some(text);
            }
        }
    }
}

/// RSS dates are RFC 2822, Atom dates RFC 3339; anything else is dropped.
pub fn parse_feed_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date());
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(jiff::tz::TimeZone::UTC.to_datetime(ts).date());
    }
    s.get(..10).and_then(|p| p.parse().ok())
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Turns a feed's items into documents. `name` is the file's name, used in
/// ids when an item has neither guid nor link.
pub fn documents(name: &str, feed: &Feed) -> Vec<Result<Document, (String, String)>> {
    feed.items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let id = it
                .id
                .clone()
                .or_else(|| it.link.clone())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("{name}#item{}", i + 1));
            let body = it
                .content
                .clone()
                .or_else(|| it.summary.clone())
                .unwrap_or_default();
            let title = it.title.clone().unwrap_or_default();
            if body.trim().is_empty() && title.trim().is_empty() {
                return Err((
                    id,
                    "feed item has no title, content or description".to_string(),
                ));
            }
            let meta = DocMeta {
                id,
                url: it.link.clone().map(|l| l.trim().to_string()),
                source: feed.title.clone().map(|t| t.trim().to_string()),
                published_at: it.published.as_deref().and_then(parse_feed_date),
                language: None,
                title: it.title.clone(),
            };
            let is_html = body.contains('<') && body.contains('>');
            Ok(if is_html {
                let raw = format!("<h1>{}</h1>\n{}", escape_html(title.trim()), body);
                Document::html(meta, raw.into_bytes())
            } else {
                let raw = if title.trim().is_empty() {
                    body
                } else {
                    format!("{}\n\n{}", title.trim(), body.trim())
                };
                Document::text(meta, raw.into_bytes())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_keep_link_date_and_html() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Sahel Wire</title>
<item><title>Attaque &amp; riposte</title><link>https://x.example/a</link>
<pubDate>Sat, 27 Jul 2024 10:00:00 GMT</pubDate>
<description>short</description>
<content:encoded><![CDATA[<p>Des combats ont eu lieu.</p>]]></content:encoded></item>
<item><title>Second</title><guid>g-2</guid><description>Plain words.</description></item>
</channel></rss>"#;
        let feed = parse(rss).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Sahel Wire"));
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].title.as_deref(), Some("Attaque & riposte"));
        let docs = documents("f.xml", &feed);
        let d0 = docs[0].as_ref().unwrap();
        assert_eq!(d0.meta.id, "https://x.example/a");
        assert_eq!(d0.meta.published_at, Some(jiff::civil::date(2024, 7, 27)));
        assert_eq!(d0.kind, vigie_core::ContentKind::Html);
        assert!(String::from_utf8_lossy(&d0.raw).contains("<p>Des combats ont eu lieu.</p>"));
        let d1 = docs[1].as_ref().unwrap();
        assert_eq!(d1.meta.id, "g-2");
        assert_eq!(d1.raw, b"Second\n\nPlain words.");
    }

    #[test]
    fn atom_entries_use_href_links() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><id>urn:1</id><title>T</title><link rel="alternate" href="https://x.example/e"/>
<published>2024-07-28T08:00:00Z</published><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"#;
        let feed = parse(atom).unwrap();
        let docs = documents("a.atom", &feed);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("https://x.example/e"));
        assert_eq!(d.meta.source.as_deref(), Some("Desk"));
        assert_eq!(d.meta.published_at, Some(jiff::civil::date(2024, 7, 28)));
        assert!(String::from_utf8_lossy(&d.raw).contains("<p>Body</p>"));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(parse(b"<rss><channel><item><title>x</wrong></rss>").is_err());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            if let Ok(feed) = parse(&bytes) {
                let _ = documents("p.xml", &feed);
            }
            let _ = looks_like_feed(&bytes);
        }

        #[test]
        fn feed_like_text_never_panics(body in "(<rss>|<feed>|<item>|<entry>|<title>|</title>|<link href=\"x\"/>|&amp;|&#233;|<!\\[CDATA\\[|\\]\\]>|</item>|</entry>|[a-zé <>&;])*") {
            if let Ok(feed) = parse(body.as_bytes()) {
                let _ = documents("p.xml", &feed);
            }
        }

        #[test]
        fn feed_dates_never_panic(s in ".{0,40}") {
            let _ = parse_feed_date(&s);
        }
    }
}
