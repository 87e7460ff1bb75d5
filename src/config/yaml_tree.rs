//! A YAML document as a tree whose nodes know where they are written: the handbook's data files
//! (`data/misused_terms.yml`, `data/inclusiveness_check.yml`) are read with it, so a wrong entry
//! is reported at its line and a stale skip-list entry is found at the line that lists it.

use crate::error::LocatedError;
use std::path::Path;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// What a node holds.
#[derive(Debug)]
pub enum Value {
    /// A scalar as written (`true`, `12` and `~` stay text: the reader decides what it expects).
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A node and where it starts: 1-based line, 1-based column (characters).
#[derive(Debug)]
pub struct Node {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

impl Node {
    /// The scalar's text, if the node is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// What the node is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Scalar(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Builds the tree from the parser's events: open collections on a stack, each map's pending key
/// beside it.
#[derive(Default)]
struct Builder {
    open: Vec<(Node, Option<Node>)>,
    root: Option<Node>,
}

impl Builder {
    fn add(&mut self, node: Node) {
        match self.open.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((parent, pending_key)) => match &mut parent.value {
                Value::Seq(items) => items.push(node),
                Value::Map(entries) => match pending_key.take() {
                    Some(key) => entries.push((key, node)),
                    None => {
                        // A block mapping's start event comes at its first value: the mapping
                        // is where its first key is written.
                        if entries.is_empty() {
                            (parent.line, parent.column) = (node.line, node.column);
                        }
                        *pending_key = Some(node);
                    }
                },
                Value::Scalar(_) => {}
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = |value| Node { value, line: mark.line(), column: mark.col() + 1 };
        match event {
            Event::Scalar(text, ..) => self.add(at(Value::Scalar(text))),
            // The data files use no anchors; an alias reads as an empty value.
            Event::Alias(_) => self.add(at(Value::Scalar(String::new()))),
            Event::SequenceStart(..) => self.open.push((at(Value::Seq(Vec::new())), None)),
            Event::MappingStart(..) => self.open.push((at(Value::Map(Vec::new())), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.open.pop() {
                    self.add(node);
                }
            }
            _ => {}
        }
    }
}

/// Parses the first document of `text`; `None` for an empty file. A syntax error is located.
pub fn parse(path: &Path, text: &str) -> Result<Option<Node>, LocatedError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let mark = e.marker();
        LocatedError::at(path, mark.line().max(1), mark.col() + 1, format!("invalid YAML: {}", e.info()))
    })?;
    Ok(builder.root)
}

/// An error at a node.
pub fn error_at(path: &Path, node: &Node, message: impl Into<String>) -> LocatedError {
    LocatedError::at(path, node.line, node.column, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_lines() {
        let text = "# comment\nskipped:\n  - a.md\n  - /b.md \n";
        let root = parse(Path::new("x.yml"), text).unwrap().unwrap();
        let Value::Map(entries) = &root.value else { panic!("a map") };
        assert_eq!(entries[0].0.as_str(), Some("skipped"));
        let Value::Seq(items) = &entries[0].1.value else { panic!("a list") };
        assert_eq!((items[1].as_str(), items[1].line, items[1].column), (Some("/b.md"), 4, 5));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse(Path::new("x.yml"), "a: [1, 2\nb: c\n").unwrap_err();
        assert_eq!(err.path, Path::new("x.yml"));
        assert!(err.line >= 1 && err.message.starts_with("invalid YAML"), "{err}");
    }
}
