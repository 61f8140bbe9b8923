//! Markdown to HTML: pulldown-cmark's event stream, rewritten, then `push_html`.
//!
//! The rewrite does four things: marks the translator's brackets (`editorial`), links
//! person mentions (`link`), resolves `person:ID` and `document:ID` links to relative URLs,
//! and escapes raw HTML so nothing in a source can inject markup. A text that uses `#`
//! headings is moved one level down: the page title is the only `<h1>`.

use super::editorial::{self, Bracket, Mark};
use super::escape::push_escaped;
use super::lines::Lines;
use super::links;
use super::snippet::snippet;
use crate::diagnostic::Diagnostic;
use crate::link::Linker;
use crate::model::LinkMentions;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

/// What the renderer needs to know about the edition around a text.
pub struct TextContext<'a> {
    /// Relative path from the page to the site root ("", "../").
    pub root: &'a str,
    /// The person linker, when mentions in this text should be linked.
    pub linker: Option<&'a Linker>,
    pub link_mentions: LinkMentions,
    /// Show straight quotes and `...` typographically (“ ” ’ …); the Markdown is unchanged.
    pub smart_punctuation: bool,
    /// Ids of the register, by index, for `person:` links and mention links.
    pub person_ids: &'a [String],
    pub person_index: &'a HashMap<&'a str, usize>,
    /// Ids of documents, for `document:` links.
    pub document_ids: &'a HashMap<&'a str, usize>,
    /// The file and first body line, for messages about links.
    pub path: &'a Path,
    pub body_line: usize,
    /// Every path of the built site, for checking relative links (see `render::links`).
    pub site_paths: &'a BTreeSet<String>,
}

/// How many mentions of one person per text carry their words in context; later mentions
/// are counted only (pages never show more).
pub const SNIPPETS_PER_TEXT: usize = 3;

/// A person mentioned in the text, with the words around it (empty past the first
/// `SNIPPETS_PER_TEXT` mentions of the person found by the linker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub person: usize,
    pub before: String,
    pub text: String,
    pub after: String,
    /// Written by an editor as `[…](person:ID)` rather than found by the linker.
    pub explicit: bool,
}

/// The HTML of a text and what was found while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub mentions: Vec<Mention>,
    /// The kinds of editorial marks that occur, for the page's legend.
    pub marks: BTreeSet<&'static str>,
    pub problems: Vec<Diagnostic>,
}

/// Renders Markdown `text` with the edition's rules.
pub fn render(text: &str, cx: &TextContext) -> Rendered {
    let mut options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    if cx.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let parser = Parser::new_ext(text, options).into_offset_iter();
    let mut state = State {
        cx,
        source: text,
        lines: Lines::new(text),
        out: Vec::new(),
        run: String::new(),
        run_offset: 0,
        link_stack: Vec::new(),
        in_code: 0,
        linked: BTreeSet::new(),
        snippets_taken: HashMap::new(),
        image_stack: Vec::new(),
        saw_h1: false,
        rendered: Rendered::default(),
        fragments: Vec::new(),
        ids: BTreeSet::new(),
    };
    for (event, range) in parser {
        state.event(event, range);
    }
    state.flush();
    state.check_fragments();
    if state.saw_h1 {
        // The page title is the only <h1>: a text that uses `#` moves down one level whole.
        for event in &mut state.out {
            match event {
                Event::Start(Tag::Heading { level, .. }) => *level = demote(*level),
                Event::End(TagEnd::Heading(level)) => *level = demote(*level),
                _ => {}
            }
        }
    }
    let mut html = String::with_capacity(text.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, state.out.into_iter());
    state.rendered.html = html;
    state.rendered
}

/// Whether an open link is one recto wrote (and must close itself) or pulldown's.
enum OpenLink {
    Own,
    Plain,
    /// A link whose address was refused: its words stay, the link goes.
    Dropped,
}

struct State<'t, 'c> {
    cx: &'c TextContext<'c>,
    source: &'t str,
    /// Where each link is, for messages, counted as the events go by.
    lines: Lines<'t>,
    out: Vec<Event<'t>>,
    /// Consecutive text, merged: pulldown splits text at brackets and quotes.
    run: String,
    run_offset: usize,
    link_stack: Vec<OpenLink>,
    in_code: usize,
    /// Persons already linked in this text (for "first mention only").
    linked: BTreeSet<usize>,
    /// Snippets cut so far, per person.
    snippets_taken: HashMap<usize, usize>,
    /// Per open image: whether its address was kept.
    image_stack: Vec<bool>,
    saw_h1: bool,
    rendered: Rendered,
    /// Links to a fragment of this page (`#note`), with their offset: checked at the end,
    /// when every id the text defines is known.
    fragments: Vec<(String, usize)>,
    /// Ids the text gives its elements (footnote definitions, heading attributes).
    ids: BTreeSet<String>,
}

impl<'t> State<'t, '_> {
    fn event(&mut self, event: Event<'t>, range: Range<usize>) {
        match &event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.ids.insert(label.to_string());
            }
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                self.ids.insert(id.to_string());
            }
            _ => {}
        }
        match event {
            Event::Text(text) => {
                if self.run.is_empty() {
                    self.run_offset = range.start;
                }
                self.run.push_str(&text);
            }
            Event::SoftBreak => {
                if self.run.is_empty() {
                    self.run_offset = range.start;
                }
                self.run.push('\n');
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                // Raw HTML in a source is shown as text, never interpreted.
                if self.run.is_empty() {
                    self.run_offset = range.start;
                }
                self.run.push_str(&raw);
            }
            Event::Start(Tag::HtmlBlock) => {
                self.flush();
                self.out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.flush();
                self.out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.flush();
                self.saw_h1 |= level == HeadingLevel::H1;
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush();
                self.in_code += 1;
                self.out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.flush_plain();
                self.in_code = self.in_code.saturating_sub(1);
                self.out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.flush();
                match self.internal_link(&dest_url, range.clone()) {
                    Some(html) => {
                        self.out.push(Event::Html(html.into()));
                        self.link_stack.push(OpenLink::Own);
                    }
                    // An unknown person: or document: id is already reported as an error.
                    None if dest_url.starts_with("person:")
                        || dest_url.starts_with("document:") =>
                    {
                        self.link_stack.push(OpenLink::Dropped)
                    }
                    // An e-mail autolink (<a@b.org>) is a mailto: link, not a path.
                    None if self.allowed(&dest_url, &range, link_type != LinkType::Email) => {
                        self.out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                        self.link_stack.push(OpenLink::Plain);
                    }
                    None => self.link_stack.push(OpenLink::Dropped),
                }
            }
            Event::End(TagEnd::Link) => {
                self.flush();
                match self.link_stack.pop() {
                    Some(OpenLink::Own) => self.out.push(Event::Html("</a>".into())),
                    Some(OpenLink::Dropped) => {}
                    _ => self.out.push(Event::End(TagEnd::Link)),
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.flush();
                let keep = self.allowed(&dest_url, &range, true);
                if keep {
                    self.out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                self.image_stack.push(keep);
            }
            Event::End(TagEnd::Image) => {
                self.flush_plain();
                if self.image_stack.pop().unwrap_or(true) {
                    self.out.push(Event::End(TagEnd::Image));
                }
            }
            other => {
                self.flush();
                self.out.push(other);
            }
        }
    }

    /// The file line and column of a place in the text (counted incrementally: places are
    /// asked for in text order).
    fn position(&mut self, range: &Range<usize>) -> (usize, usize) {
        let (line, column) = self.lines.at(range.start);
        (self.cx.body_line + line, column)
    }

    /// Whether a link or image address may be written into the page: relative addresses,
    /// http(s) and mailto. Anything else (`javascript:`, `data:` …) is refused and reported.
    /// A relative address that leads to no page of the site is reported and kept.
    fn allowed(&mut self, dest: &str, range: &Range<usize>, is_path: bool) -> bool {
        // Browsers ignore tabs, newlines and controls inside a scheme; so must we.
        let cleaned: String = dest
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .collect();
        let scheme = cleaned
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .filter(|s| !s.contains(['/', '?', '#']));
        let ok = match scheme {
            None => true,
            Some(s) => matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"),
        };
        let (line, column) = self.position(range);
        if !ok {
            self.rendered.problems.push(
                Diagnostic::warning(
                    self.cx.path,
                    format!("the address `{dest}` is not allowed in a page; the link was left out"),
                )
                .at(line, column)
                .hint("use a relative address, https://…, mailto:…, person:ID or document:ID"),
            );
            return false;
        }
        if scheme.is_none() && is_path {
            let folder = links::page_folder(self.cx.root, self.cx.path);
            match links::check(dest, folder, self.cx.site_paths) {
                links::Target::Fragment(f) => self.fragments.push((f.to_string(), range.start)),
                links::Target::Checked(Err(broken)) => self.rendered.problems.push(
                    Diagnostic::warning(self.cx.path, broken.message)
                        .at(line, column)
                        .hint(broken.hint),
                ),
                links::Target::Checked(Ok(())) | links::Target::Elsewhere => {}
            }
        }
        true
    }

    /// Reports links to fragments of this page that no element of the text has as its id.
    fn check_fragments(&mut self) {
        for (fragment, offset) in std::mem::take(&mut self.fragments) {
            let decoded = percent_encoding::percent_decode_str(&fragment).decode_utf8_lossy();
            if self.ids.contains(decoded.as_ref()) {
                continue;
            }
            // In text order, like the links: the cursor counts the text once for all of them.
            let (line, column) = self.position(&(offset..offset));
            self.rendered.problems.push(
                Diagnostic::warning(
                    self.cx.path,
                    format!("the link `#{fragment}` leads nowhere: the text has no element with the id `{decoded}`"),
                )
                .at(line, column)
                .hint("link to a footnote of the text ([^1] is #1), or to another page"),
            );
        }
    }

    /// `person:ID` and `document:ID` links become relative links; unknown ids are reported.
    fn internal_link(&mut self, dest: &CowStr, range: Range<usize>) -> Option<String> {
        let (scheme, id) = dest.split_once(':')?;
        let (line, column) = self.position(&range);
        match scheme {
            "person" => match self.cx.person_index.get(id) {
                Some(&index) => {
                    let label = link_label(&self.source[range.clone()]);
                    self.rendered.mentions.push(Mention {
                        person: index,
                        before: String::new(),
                        text: label,
                        after: String::new(),
                        explicit: true,
                    });
                    self.linked.insert(index);
                    Some(person_anchor(self.cx.root, id))
                }
                None => {
                    self.rendered.problems.push(
                        Diagnostic::error(self.cx.path, format!("link to unknown person `{id}`"))
                            .at(line, column)
                            .hint("use the id of a file in content/persons/ (the file name without .md)"),
                    );
                    None
                }
            },
            "document" => match self.cx.document_ids.get(id) {
                Some(_) => Some(format!(
                    "<a class=\"document\" href=\"{}documents/{}.html\">",
                    self.cx.root, id
                )),
                None => {
                    self.rendered.problems.push(
                        Diagnostic::error(self.cx.path, format!("link to unknown document `{id}`"))
                            .at(line, column)
                            .hint("use the id of a file in content/documents/ (the file name without .md)"),
                    );
                    None
                }
            },
            _ => None,
        }
    }

    /// Emits the merged text run with editorial marks and person links.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        if self.in_code > 0 {
            self.flush_plain();
            return;
        }
        let run = std::mem::take(&mut self.run);
        let brackets = editorial::find(&run);
        let in_link = !self.link_stack.is_empty();
        let mentions = match (self.cx.linker, in_link) {
            (Some(linker), false) => linker.find(&run),
            _ => Vec::new(),
        };
        // Brackets (top-level, so never overlapping) and mentions (never overlapping either)
        // both come sorted by position: one walk over the two merges them, in time linear
        // in the run. A mention may sit inside a bracket or outside, never across its edge.
        let mut html = String::with_capacity(run.len() + 64);
        let mut at = 0;
        let mut next_bracket = 0;
        let mut inside: Option<&Bracket> = None;
        let mut mentions = mentions.into_iter().peekable();
        loop {
            // The next bracket edge: the end of the one we are in, or the next one's start.
            let edge = match inside {
                Some(b) => Some(b.end),
                None => brackets.get(next_bracket).map(|b| b.start),
            };
            let mention = mentions.peek().copied();
            match (edge, mention) {
                (None, None) => break,
                (Some(pos), Some(m)) if m.start < pos => {
                    mentions.next();
                    // Inside a bracket, the mention must end with it at the latest; outside,
                    // before the next bracket opens.
                    if m.end <= pos {
                        self.emit_mention(&run, &mut html, &mut at, m);
                    }
                }
                (None, Some(m)) => {
                    mentions.next();
                    self.emit_mention(&run, &mut html, &mut at, m);
                }
                (Some(pos), _) => {
                    push_escaped(&mut html, &run[at..pos]);
                    at = pos;
                    match inside.take() {
                        Some(_) => html.push_str("</span>"),
                        None => {
                            let b = &brackets[next_bracket];
                            next_bracket += 1;
                            self.rendered.marks.insert(b.mark.name());
                            open_mark(&mut html, b.mark);
                            inside = Some(b);
                        }
                    }
                }
            }
        }
        push_escaped(&mut html, &run[at..]);
        self.out.push(Event::InlineHtml(html.into()));
    }

    fn emit_mention(
        &mut self,
        run: &str,
        html: &mut String,
        at: &mut usize,
        m: crate::link::Found,
    ) {
        push_escaped(html, &run[*at..m.start]);
        let text = &run[m.start..m.end];
        let link = match self.cx.link_mentions {
            LinkMentions::All => true,
            LinkMentions::First => !self.linked.contains(&m.person),
        };
        // Pages show the first few snippets of a person per text: cut only those.
        let taken = self.snippets_taken.entry(m.person).or_insert(0);
        let mention = if *taken < SNIPPETS_PER_TEXT {
            *taken += 1;
            let (before, after) = snippet(run, m.start, m.end);
            Mention {
                person: m.person,
                before,
                text: text.to_string(),
                after,
                explicit: false,
            }
        } else {
            Mention {
                person: m.person,
                before: String::new(),
                text: String::new(),
                after: String::new(),
                explicit: false,
            }
        };
        self.rendered.mentions.push(mention);
        if link {
            self.linked.insert(m.person);
            let id = &self.cx.person_ids[m.person];
            push_person_anchor(html, self.cx.root, id);
            push_escaped(html, text);
            html.push_str("</a>");
        } else {
            push_escaped(html, text);
        }
        *at = m.end;
    }

    fn flush_plain(&mut self) {
        if !self.run.is_empty() {
            let run = std::mem::take(&mut self.run);
            self.out.push(Event::Text(run.into()));
        }
    }
}

fn person_anchor(root: &str, id: &str) -> String {
    let mut html = String::with_capacity(64);
    push_person_anchor(&mut html, root, id);
    html
}

/// Writes the opening tag of a mention's link (once per mention: no allocation).
fn push_person_anchor(html: &mut String, root: &str, id: &str) {
    html.push_str("<a class=\"person\" href=\"");
    push_escaped(html, root);
    html.push_str("persons/");
    push_escaped(html, id);
    html.push_str(".html\" data-person=\"");
    push_escaped(html, id);
    html.push_str("\">");
}

fn open_mark(html: &mut String, mark: Mark) {
    html.push_str("<span class=\"ed ed-");
    html.push_str(mark.name());
    html.push_str("\" title=\"");
    html.push_str(mark.meaning());
    html.push_str("\">");
}

/// The visible words of a Markdown link `[words](dest)`.
fn link_label(source: &str) -> String {
    let inner = source.strip_prefix('[').unwrap_or(source);
    match inner.find("](") {
        Some(i) => inner[..i].to_string(),
        None => inner.to_string(),
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn person(id: &str, name: &str) -> Person {
        Person::named(id, name)
    }

    fn render_with(text: &str, persons: &[Person], mode: LinkMentions) -> Rendered {
        render_typed(text, persons, mode, true)
    }

    fn render_typed(text: &str, persons: &[Person], mode: LinkMentions, smart: bool) -> Rendered {
        let linker = Linker::new(persons);
        let ids: Vec<String> = persons.iter().map(|p| p.id.clone()).collect();
        let index: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let docs = HashMap::new();
        let site: BTreeSet<String> = ["a.html".to_string(), "documents/b.html".to_string()].into();
        let cx = TextContext {
            root: "../",
            linker: Some(&linker),
            link_mentions: mode,
            smart_punctuation: smart,
            person_ids: &ids,
            person_index: &index,
            document_ids: &docs,
            path: Path::new("d.md"),
            body_line: 5,
            site_paths: &site,
        };
        render(text, &cx)
    }

    #[test]
    fn brackets_are_marked_and_kept() {
        let r = render_with(
            "The Kiyan [sic] plant [...] and [[illegible signature]].",
            &[],
            LinkMentions::All,
        );
        assert!(
            r.html.contains(
                "<span class=\"ed ed-sic\" title=\"so written in the original\">[sic]</span>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("ed-omission"));
        assert!(r.html.contains("[[illegible signature]]</span>"));
        assert!(r.marks.contains("sic") && r.marks.contains("illegible"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let r = render_with(
            "a <script>alert(1)</script> b\n\n<div>x</div>\n",
            &[],
            LinkMentions::All,
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<div>"));
    }

    #[test]
    fn mentions_are_linked_relative() {
        let persons = [person("kim-il-sung", "Kim Il Sung")];
        let r = render_with(
            "Kim Il Sung said. Kim Il Sung agreed.",
            &persons,
            LinkMentions::All,
        );
        assert_eq!(r.html.matches("<a class=\"person\" href=\"../persons/kim-il-sung.html\" data-person=\"kim-il-sung\">Kim Il Sung</a>").count(), 2, "{}", r.html);
        assert_eq!(r.mentions.len(), 2);
        let r = render_with(
            "Kim Il Sung said. Kim Il Sung agreed.",
            &persons,
            LinkMentions::First,
        );
        assert_eq!(r.html.matches("class=\"person\"").count(), 1);
        assert_eq!(r.mentions.len(), 2);
    }

    #[test]
    fn explicit_links_and_unknown_ids() {
        let persons = [person("kim-il", "Kim Il")];
        let r = render_with(
            "[Kim](person:kim-il) and [X](person:nobody)",
            &persons,
            LinkMentions::All,
        );
        assert!(
            r.html.contains("href=\"../persons/kim-il.html\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, Some(5));
    }

    #[test]
    fn unknown_ids_are_reported_at_their_lines() {
        let r = render_with(
            "[a](person:x) [b](document:y)\n\nText.\n[c](person:z)\n\n\n> [d](document:w)\n",
            &[],
            LinkMentions::All,
        );
        let lines: Vec<Option<usize>> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(5), Some(5), Some(8), Some(11)]);
    }

    #[test]
    fn nothing_is_linked_inside_code_or_links() {
        let persons = [person("kim-il", "Kim Il")];
        let r = render_with(
            "`Kim Il` and [Kim Il](https://example.org)\n\n    Kim Il\n",
            &persons,
            LinkMentions::All,
        );
        assert!(!r.html.contains("class=\"person\""), "{}", r.html);
    }

    #[test]
    fn dangerous_addresses_are_left_out() {
        let r = render_with(
            "[click](javascript:alert(1)) ![i](javascript:alert(2)) [d](data:text/html,x) [t](jav&#x09;ascript:x) [ok](https://example.org) [rel](../a.html)",
            &[],
            LinkMentions::All,
        );
        assert!(
            !r.html.contains("javascript") && !r.html.contains("data:"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("click")
                && r.html.contains("href=\"https://example.org\"")
                && r.html.contains("href=\"../a.html\"")
        );
        assert_eq!(r.problems.len(), 4);
        assert!(r
            .problems
            .iter()
            .all(|p| !p.is_error() && p.line == Some(5)));
    }

    #[test]
    fn broken_relative_links_are_reported_where_they_are() {
        let r = render_with(
            "See [b](b.html) <a@b.org>, [x](missing-page.html) and\nalso [p](../../../etc/passwd), [n](#nowhere), [f](#1).\n\n[^1]: A note.\n",
            &[],
            LinkMentions::All,
        );
        let found: Vec<(usize, usize, &str)> = r
            .problems
            .iter()
            .map(|p| {
                (
                    p.line.unwrap_or(0),
                    p.column.unwrap_or(0),
                    p.message.as_str(),
                )
            })
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (5, 28));
        assert!(found[0].2.contains("documents/missing-page.html"));
        assert_eq!((found[1].0, found[1].1), (6, 6));
        assert!(found[1].2.contains("outside the site"));
        assert_eq!((found[2].0, found[2].1), (6, 32));
        assert!(found[2].2.contains("#nowhere"));
        // The links stay: a broken link is a warning, not a refusal.
        assert!(r.html.contains("href=\"missing-page.html\""), "{}", r.html);
    }

    #[test]
    fn smart_punctuation_can_be_turned_off() {
        let on = render_with("\"So\" [...] it's", &[], LinkMentions::All);
        assert!(
            on.html.contains("“So”") && on.html.contains("[…]"),
            "{}",
            on.html
        );
        let off = render_typed("\"So\" [...] it's", &[], LinkMentions::All, false);
        assert!(
            off.html.contains("&quot;So&quot;") && off.html.contains("[...]"),
            "{}",
            off.html
        );
    }

    #[test]
    fn mentions_inside_brackets_are_linked_and_across_their_edges_are_not() {
        let persons = [
            person("kim-il-sung", "Kim Il Sung"),
            person("mao", "Mao [Zedong]"),
        ];
        let r = render_with(
            "[Kim Il Sung] met Kim Il Sung[sic] and [told Kim Il Sung] then Mao [Zedong] left.",
            &persons,
            LinkMentions::All,
        );
        let linked: Vec<&Mention> = r.mentions.iter().collect();
        assert_eq!(linked.len(), 3, "{linked:?}");
        assert!(linked.iter().all(|m| m.person == 0), "{linked:?}");
        assert!(
            r.html.contains("<span class=\"ed ed-insertion\" title=\"supplied or glossed by the translator\">[<a class=\"person\" href=\"../persons/kim-il-sung.html\" data-person=\"kim-il-sung\">Kim Il Sung</a>]</span>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("Mao <span"), "{}", r.html);
    }

    /// The old filter, quadratic but plainly right: a mention is kept unless it crosses the
    /// edge of a bracket.
    fn kept_by_the_old_filter(run: &str, linker: &Linker) -> Vec<(usize, usize)> {
        let brackets = editorial::find(run);
        linker
            .find(run)
            .into_iter()
            .filter(|m| {
                brackets.iter().all(|b| {
                    m.end <= b.start || m.start >= b.end || (m.start >= b.start && m.end <= b.end)
                })
            })
            .map(|m| (m.start, m.end))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_merge_walk_keeps_what_the_old_filter_kept(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "[", "]", "[[", "]]", " ", "Kim Il Sung", "Kim", " Il Sung", "Mao [Zedong]", "[Zedong]", "sic", "x",
            ]), 0..40)
        ) {
            let run = pieces.concat();
            let persons = [person("kim-il-sung", "Kim Il Sung"), person("mao", "Mao [Zedong]")];
            let expected: Vec<String> = kept_by_the_old_filter(&run, &Linker::new(&persons))
                .into_iter()
                .map(|(start, end)| run[start..end].to_string())
                .collect();
            let r = render_with(&run, &persons, LinkMentions::All);
            // Every mention is linked (LinkMentions::All): the links' words are the mentions.
            let got: Vec<String> = r
                .html
                .split("data-person=\"")
                .skip(1)
                .filter_map(|rest| rest.split_once("\">"))
                .filter_map(|(_, rest)| rest.split_once("</a>"))
                .map(|(words, _)| words.to_string())
                .collect();
            proptest::prop_assert_eq!(r.mentions.len(), expected.len());
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn headings_move_down_one_level() {
        let r = render_with("# A\n\n## B\n", &[], LinkMentions::All);
        assert!(
            r.html.contains("<h2>A</h2>") && r.html.contains("<h3>B</h3>"),
            "{}",
            r.html
        );
    }
}
