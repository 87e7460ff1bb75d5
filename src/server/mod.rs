//! `hblint server`: the Language Server Protocol over stdio, for editors.
//!
//! Built on `lsp-server` and `lsp-types`, rust-analyzer's own protocol crates: a synchronous
//! message loop on crossbeam channels, no async runtime. Linting a page takes milliseconds and
//! one page is linted at a time, so a runtime would add threads and start-up cost for nothing.
//!
//! The loop: documents are linted when opened and saved at once, and after a change once no
//! further change has come for [`CHANGE_QUIET`]; changes already queued are applied first, so
//! a burst of keystrokes costs one lint. Changes on disk (the client's `didChangeWatchedFiles`,
//! or a config file saved in the editor) are gathered for [`DISK_QUIET`]: a config file, pack
//! or data file reads the configuration again; a page rebuilds the site index. Then every open
//! document is linted again.
//!
//! `workspace` holds the documents and the configuration, `convert` the positions and URIs,
//! `actions` the code actions.

mod actions;
mod convert;
mod workspace;

use crate::config::Overrides;
use convert::{Encoding, uri_of};
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind,
    PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    Uri,
};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use workspace::{Outcome, Workspace, absolute, located_range};

/// How long after the last change a document is linted. Short: a 50 KB page lints in a few
/// milliseconds, and changes that queued up while it did are coalesced anyway.
const CHANGE_QUIET: Duration = Duration::from_millis(10);

/// How long changes on disk are gathered: a branch switch or a formatter touches many files.
const DISK_QUIET: Duration = Duration::from_millis(200);

/// Parser recursion on deeply nested pages needs the stack `check`'s workers get.
const STACK: usize = 256 << 20;

/// Serves one client on stdin and stdout until it says `exit`. `config` is `--config`.
pub fn serve(config: Option<PathBuf>, overrides: Overrides) -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let served = std::thread::Builder::new()
        .name("hblint-server".into())
        .stack_size(STACK)
        .spawn(move || serve_on(&connection, config, overrides))
        .map_err(|e| format!("cannot start the server thread: {e}"))?
        .join()
        .map_err(|_| "the server thread panicked".to_string())?;
    served?;
    io_threads.join().map_err(|e| format!("stdio: {e}"))
}

/// The protocol on a connection (stdio in use, memory in tests).
pub fn serve_on(connection: &Connection, config: Option<PathBuf>, overrides: Overrides) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo { name: "hblint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        connection,
        workspace: Workspace::new(config, overrides, encoding),
        changed_at: None,
        disk: DiskChanges::default(),
        published_config: BTreeSet::new(),
        next_request: 0,
        watches,
    };
    if watches {
        server.watch_files();
    }
    server.run()
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Changes on disk not yet acted on.
#[derive(Default)]
struct DiskChanges {
    since: Option<Instant>,
    configuration: bool,
    pages: bool,
}

struct Server<'c> {
    connection: &'c Connection,
    workspace: Workspace,
    /// When the first change not yet linted came (`None`: every document is linted).
    changed_at: Option<Instant>,
    disk: DiskChanges,
    /// Config files with problems published, to clear when they are fixed.
    published_config: BTreeSet<PathBuf>,
    next_request: i32,
    /// Whether the client tells of changes on disk (`didChangeWatchedFiles`).
    watches: bool,
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            let deadline = [self.changed_at.map(|t| t + CHANGE_QUIET), self.disk.since.map(|t| t + DISK_QUIET)]
                .into_iter()
                .flatten()
                .min();
            let message = match deadline {
                Some(deadline) => {
                    match self.connection.receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                        return Ok(());
                    }
                    self.request(request);
                }
                Some(Message::Notification(notification)) => {
                    if notification.method == lsp_types::notification::Exit::METHOD {
                        return Ok(());
                    }
                    self.notification(notification);
                }
                Some(Message::Response(_)) => {}
                None => self.settle(),
            }
        }
    }

    /// Acts on what the quiet periods that ended were waiting for.
    fn settle(&mut self) {
        let now = Instant::now();
        if self.disk.since.is_some_and(|t| now >= t + DISK_QUIET) {
            if self.disk.configuration {
                self.workspace.reload();
            } else if self.disk.pages {
                self.workspace.pages_changed();
            }
            self.disk = DiskChanges::default();
            self.lint_stale();
        }
        if self.changed_at.is_some_and(|t| now >= t + CHANGE_QUIET) {
            self.lint_stale();
        }
    }

    fn lint_stale(&mut self) {
        for uri in self.workspace.stale() {
            self.lint_and_publish(&uri);
        }
        self.changed_at = None;
    }

    fn notification(&mut self, notification: Notification) {
        use lsp_types::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
            DidSaveTextDocument,
        };
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD) {
                    let document = params.text_document;
                    self.workspace.open(document.uri.clone(), document.version, document.text);
                    self.lint_and_publish(&document.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD) {
                    let document = params.text_document;
                    if self.workspace.change(&document.uri, document.version, params.content_changes) {
                        self.changed_at.get_or_insert_with(Instant::now);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD) {
                    let uri = params.text_document.uri;
                    // A config file edited in the editor, for clients that do not watch files.
                    if convert::path_of(&uri).is_some_and(|p| crate::config::may_configure(&p)) {
                        self.disk_changed(true, false);
                    } else {
                        if self.workspace.documents.get(&uri).is_some_and(|d| !d.linted) {
                            self.lint_and_publish(&uri);
                        }
                        // A client that does not watch files tells of no change on disk but its
                        // own saves: the saved page's anchors may have moved for the others.
                        if !self.watches {
                            self.disk_changed(false, true);
                        }
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD) {
                    let uri = params.text_document.uri;
                    self.workspace.close(&uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(params) = notification.extract::<DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD) {
                    let paths: Vec<PathBuf> = params.changes.iter().filter_map(|c| convert::path_of(&c.uri)).collect();
                    let configuration = paths.iter().any(|p| crate::config::may_configure(p));
                    let pages = paths.iter().any(|p| workspace::may_be_page(p));
                    self.disk_changed(configuration, pages);
                }
            }
            _ => {}
        }
    }

    fn disk_changed(&mut self, configuration: bool, pages: bool) {
        if !configuration && !pages {
            return;
        }
        self.disk.since.get_or_insert_with(Instant::now);
        self.disk.configuration |= configuration;
        self.disk.pages |= pages;
    }

    fn request(&mut self, request: Request) {
        use lsp_types::request::{CodeActionRequest, HoverRequest};
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.code_actions(params)),
                Err(err) => invalid(request.id, err),
            },
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.hover(params)),
                Err(err) => invalid(request.id, err),
            },
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown method {}", request.method),
            ),
        };
        self.send(Message::Response(response));
    }

    /// The document's findings, linted first if a change made them stale.
    fn current(&mut self, uri: &Uri) -> Option<&workspace::Document> {
        if self.workspace.documents.get(uri)?.linted {
            return self.workspace.documents.get(uri);
        }
        self.lint_and_publish(uri);
        self.workspace.documents.get(uri)
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeAction> {
        let uri = params.text_document.uri;
        let Some(document) = self.current(&uri) else { return Vec::new() };
        let wanted = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
            })
        };
        let (start, end) = (document.offset(params.range.start), document.offset(params.range.end));
        if document.findings.is_empty() {
            return Vec::new();
        }
        // A bug in the page model or a rule (on a fixed text) costs the actions, not the server:
        // editors ask for actions at every move of the cursor.
        let guarded = |work: &mut dyn FnMut() -> Vec<lsp_types::CodeAction>| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_default()
        };
        let mut found = Vec::new();
        if wanted(&CodeActionKind::QUICKFIX) {
            found = guarded(&mut || actions::for_range(document, start, end, &params.context.diagnostics));
        }
        let fixable = document.findings.iter().any(|f| f.diagnostic.fix.is_some());
        if fixable && wanted(&actions::fix_all_kind()) {
            let source = document.source();
            let workspace = &mut self.workspace;
            found.extend(guarded(&mut || {
                let Some(linter) = workspace.linter_of(&uri) else { return Vec::new() };
                let Ok(fixed) = crate::fix::fix_source(&source, linter) else { return Vec::new() };
                let Some(document) = workspace.documents.get(&uri) else { return Vec::new() };
                actions::fix_all(document, &fixed.text, fixed.applied).into_iter().collect()
            }));
        }
        found
    }

    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let document = self.current(&at.text_document.uri)?;
        let offset = document.offset(at.position);
        let mut shown: Vec<&'static str> = Vec::new();
        let mut text = String::new();
        let mut range = None;
        for finding in &document.findings {
            let span = finding.diagnostic.span;
            let meta = finding.diagnostic.rule;
            if span.start <= offset && offset <= span.end.max(span.start + 1) && !shown.contains(&meta.code) {
                shown.push(meta.code);
                if !text.is_empty() {
                    text.push_str("\n\n---\n\n");
                }
                text.push_str(&meta.explain(crate::rules::registry::on_by_default(meta)));
                range.get_or_insert_with(|| document.range(span));
            }
        }
        (!text.is_empty()).then_some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
            range,
        })
    }

    fn lint_and_publish(&mut self, uri: &Uri) {
        let Some(outcome) = self.workspace.lint(uri) else { return };
        let diagnostics = self.workspace.diagnostics(uri, &outcome);
        let version = self.workspace.documents.get(uri).map(|d| d.version);
        self.publish(uri.clone(), diagnostics, version);
        if let Outcome::BrokenConfig(_) | Outcome::Findings | Outcome::Excluded = outcome {
            self.publish_config_problems();
        }
    }

    /// Publishes the config files' problems that changed, and clears those that went.
    fn publish_config_problems(&mut self) {
        let current: BTreeSet<PathBuf> =
            self.workspace.config_problems.iter().filter(|(_, p)| !p.is_empty()).map(|(f, _)| f.clone()).collect();
        let gone: Vec<PathBuf> = self.published_config.difference(&current).cloned().collect();
        for file in gone {
            if let Some(uri) = uri_of(&absolute(&file)) {
                self.publish(uri, Vec::new(), None);
            }
        }
        let problems: Vec<(PathBuf, Vec<Diagnostic>)> = self
            .workspace
            .config_problems
            .iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(file, problems)| {
                let diagnostics = problems
                    .iter()
                    .map(|(err, severity)| Diagnostic {
                        range: located_range(err),
                        severity: Some(workspace::severity(*severity)),
                        source: Some("hblint".into()),
                        message: err.message.clone(),
                        ..Diagnostic::default()
                    })
                    .collect();
                (file.clone(), diagnostics)
            })
            .collect();
        for (file, diagnostics) in problems {
            if let Some(uri) = uri_of(&absolute(&file)) {
                self.publish(uri, diagnostics, None);
            }
        }
        self.published_config = current;
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Message::Notification(Notification::new(
            lsp_types::notification::PublishDiagnostics::METHOD.into(),
            params,
        )));
    }

    /// Asks the client to tell about changes on disk to pages, config files, packs and data files.
    fn watch_files(&mut self) {
        let globs = ["**/*.{md,markdown,erb}", "**/{hblint.toml,.hblint.toml,.markdownlint*}", "**/*.{toml,yml,yaml}"];
        let watchers = globs
            .iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String((*glob).into()), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "hblint-watch".into(),
            method: lsp_types::notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.next_request += 1;
        let request = Request::new(
            RequestId::from(format!("hblint-{}", self.next_request)),
            lsp_types::request::RegisterCapability::METHOD.into(),
            RegistrationParams { registrations: vec![registration] },
        );
        self.send(Message::Request(request));
    }

    fn send(&self, message: Message) {
        // The client went away: the loop ends when the receiver says so.
        let _ = self.connection.sender.send(message);
    }
}

fn invalid(id: RequestId, err: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
}
