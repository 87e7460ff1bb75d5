//! `hblint server` driven as an editor drives it: JSON-RPC over the binary's stdin and stdout,
//! with the client's side (applying edits, sending the changed text) done here as a client does.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a test waits for any one message before failing (the server answers in
/// milliseconds; a debug build on a busy machine in well under a second).
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications that came while a response was awaited, oldest first.
    queued: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        Client::start_with(cwd, &["server"])
    }

    /// `hblint` with these arguments (an editor configuration's).
    fn start_with(cwd: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("hblint"))
            .args(args)
            .current_dir(cwd)
            .env("XDG_CACHE_HOME", cwd.join(".cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hblint server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice::<Value>(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client { child, stdin, messages, queued: Vec::new(), next_id: 0 }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        match self.messages.recv_timeout(PATIENCE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {PATIENCE:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Sends a request and returns its result, answering the server's own requests on the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == json!(id) && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.answer_or_queue(message);
        }
    }

    fn answer_or_queue(&mut self, message: Value) {
        if message.get("id").is_some() && message.get("method").is_some() {
            // client/registerCapability: accepted.
            let id = message["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        } else {
            self.queued.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(i) = self.queued.iter().position(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"].as_str() == Some(uri)
            }) {
                let message = self.queued.remove(i);
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            assert!(Instant::now() < deadline, "no diagnostics for {uri}");
            let message = self.next();
            self.answer_or_queue(message);
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The byte offset of a UTF-16 protocol position in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies a code action's edits to `text` as a client does (last edit first).
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = action["edit"]["changes"][uri]
        .as_array()
        .expect("the action edits this document")
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = text.to_string();
    for (start, end, new_text) in edits {
        text.replace_range(start..end, &new_text);
    }
    text
}

/// (code, start line, start character, end character) of each diagnostic, 0-based as sent.
fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["range"]["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

const PAGE: &str = "---
layout: job_family_page
title: \"Security Analyst\"
---

## Levels

### Security Analyst (Intermediate)

#### Job Grade

The Security Analyst is a [grade 6](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).

#### Responsibilities

* 🚀 Work with with Gitlab every day

#### Requirements

* Ability to use GitLab
* Experience with incident response

### Senior Security Analyst

#### Job Grade

The Senior Security Analyst is a [grade 7](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).

#### Responsibilities

* Lead reviews

#### Requirements

All of the above requirements and:
* Ability to work successfully with little guidance
* ability to use *GitLab*.

## Performance Indicators

* Incidents closed

## Career Ladder

The next step is Staff.

## Hiring Process

* A screening call
";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("page.md"), PAGE).unwrap();
    dir
}

fn open(client: &mut Client, uri: &str, text: &str) -> Vec<Value> {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    client.diagnostics(uri)
}

fn change(client: &mut Client, uri: &str, version: i64, text: &str) -> Vec<Value> {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    client.diagnostics(uri)
}

fn actions(client: &mut Client, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    result.as_array().unwrap().clone()
}

fn action<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title)))
        .unwrap_or_else(|| panic!("no action '{title}' in {actions:#?}"))
}

fn initialize(client: &mut Client, root: &Path) -> Value {
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(root), "capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
        }}),
    );
    client.notify("initialized", json!({}));
    result
}

#[test]
fn a_client_gets_the_findings_of_check_fixes_them_and_disables_a_rule_for_a_line() {
    let dir = project();
    let root = dir.path().canonicalize().unwrap();
    let page = root.join("page.md");
    let page_uri = uri(&page);
    let mut client = Client::start(&root);
    let init = initialize(&mut client, &root);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "hblint");

    // The findings `hblint check` reports, with UTF-16 columns (the rocket is two units).
    let diagnostics = open(&mut client, &page_uri, PAGE);
    assert_eq!(
        summary(&diagnostics),
        [("PR201".to_string(), 15, 15, 19), ("PR301".to_string(), 15, 20, 26), ("JF004".to_string(), 36, 2, 26),]
    );
    let check = Command::new(assert_cmd::cargo::cargo_bin("hblint"))
        .args(["check", "--format", "concise", "page.md"])
        .current_dir(&root)
        .output()
        .unwrap();
    let check = String::from_utf8(check.stdout).unwrap();
    assert_eq!(check.lines().count(), 3, "{check}");
    assert!(check.contains("page.md:37:3: JF004"), "{check}");

    let jf004 = &diagnostics[2];
    assert_eq!(jf004["severity"], 2);
    assert_eq!(jf004["source"], "hblint");
    assert!(
        jf004["message"]
            .as_str()
            .unwrap()
            .starts_with("'ability to use GitLab.' repeats a bullet already inherited from 'Security Analyst (Intermediate)'\nhelp: remove this bullet")
    );
    // The secondary labels are related locations: where the bullet is inherited from.
    let related: Vec<(u64, &str)> = jf004["relatedInformation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["location"]["range"]["start"]["line"].as_u64().unwrap(), r["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        related,
        [
            (19, "inherited from 'Security Analyst (Intermediate)' here"),
            (34, "inherited through 'All of the above requirements and:'"),
        ]
    );
    // The code links to the rule's documentation: `hblint explain`'s text.
    let href = jf004["codeDescription"]["href"].as_str().unwrap();
    let docs = std::fs::read_to_string(href.strip_prefix("file://").unwrap()).unwrap();
    assert!(docs.starts_with("# inherited-duplicate-bullet (JF004)"), "{docs}");

    // Hover on the finding: the same text.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": page_uri}, "position": {"line": 36, "character": 5}}),
    );
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("# inherited-duplicate-bullet (JF004)"));

    // One fix, applied by the client, then sent back as a change.
    let pr201 = actions(&mut client, &page_uri, &diagnostics[0]);
    let fix = action(&pr201, "Fix PR201: 'with' is repeated");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "PR201");
    let text = apply(PAGE, fix, &page_uri);
    assert!(text.contains("* 🚀 Work with Gitlab every day"));
    let diagnostics = change(&mut client, &page_uri, 2, &text);
    assert_eq!(summary(&diagnostics), [("PR301".to_string(), 15, 15, 21), ("JF004".to_string(), 36, 2, 26)]);

    // "Disable for this line" on JF004 leaves the page's other findings.
    let jf004 = actions(&mut client, &page_uri, &diagnostics[1]);
    let titles: Vec<&str> = jf004.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Disable JF004 for this file"), "{titles:?}");
    let text = apply(&text, action(&jf004, "Disable JF004 for this line"), &page_uri);
    assert!(text.contains("* ability to use *GitLab*. <!-- hblint-disable-line JF004 -->\n"), "{text}");
    let diagnostics = change(&mut client, &page_uri, 3, &text);
    assert_eq!(summary(&diagnostics), [("PR301".to_string(), 15, 15, 21)]);

    // "Fix all" leaves nothing fixable.
    let all = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": page_uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.hblint");
    let text = apply(&text, &all[0], &page_uri);
    assert!(text.contains("* 🚀 Work with GitLab every day"));
    assert!(change(&mut client, &page_uri, 4, &text).is_empty());

    // An incremental change: the client sends only the edited range.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": page_uri, "version": 5}, "contentChanges": [
            {"range": {"start": {"line": 15, "character": 15}, "end": {"line": 15, "character": 21}}, "text": "Gitlab with with"}
        ]}),
    );
    assert_eq!(
        summary(&client.diagnostics(&page_uri)),
        [("PR301".to_string(), 15, 15, 21), ("PR201".to_string(), 15, 27, 31)]
    );

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn a_broken_config_is_a_diagnostic_on_the_config_file_until_it_is_fixed() {
    let dir = project();
    let root = dir.path().canonicalize().unwrap();
    let page_uri = uri(&root.join("page.md"));
    let config = root.join("hblint.toml");
    let config_uri = uri(&config);
    std::fs::write(&config, "select = [\"PR\"]\n").unwrap();
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let codes = |d: &[Value]| summary(d).into_iter().map(|s| s.0).collect::<Vec<_>>();
    assert_eq!(codes(&open(&mut client, &page_uri, PAGE)), ["PR201", "PR301"]);

    std::fs::write(&config, "select = [\"PR\"]\n[severity]\nPR201 = \"loud\"\n").unwrap();
    let changed = json!({"changes": [{"uri": config_uri, "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let page = client.diagnostics(&page_uri);
    assert_eq!(page.len(), 1, "{page:?}");
    let message = page[0]["message"].as_str().unwrap();
    assert!(message.starts_with("not linted: the configuration that governs this file is broken: "), "{message}");
    assert_eq!(page[0]["relatedInformation"][0]["location"]["uri"], config_uri.as_str());
    let on_config = client.diagnostics(&config_uri);
    assert_eq!(on_config.len(), 1, "{on_config:?}");
    assert_eq!(on_config[0]["range"]["start"], json!({"line": 2, "character": 8}));
    assert!(on_config[0]["message"].as_str().unwrap().contains("loud"), "{on_config:?}");

    // Fixed: the config file's diagnostic goes, the page is linted with the new settings.
    std::fs::write(&config, "select = [\"PR\"]\n[severity]\nPR201 = \"off\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed);
    assert_eq!(codes(&client.diagnostics(&page_uri)), ["PR301"]);
    assert!(client.diagnostics(&config_uri).is_empty());
}

const README: &str = include_str!("../README.md");

/// The first block of `language` after `marker` in the README.
fn readme_block(marker: &str, language: &str) -> &'static str {
    let after = README.split_once(marker).unwrap_or_else(|| panic!("the README has no '{marker}'")).1;
    let block = after.split_once(&format!("```{language}\n")).expect("a block after the marker").1;
    block.split_once("```").expect("the block ends").0
}

#[test]
fn the_readme_editor_configurations_start_a_server_that_answers() {
    let vscode: Value = serde_json::from_str(readme_block("**VS Code**", "json")).expect("VS Code settings are JSON");
    assert_eq!(vscode["glspc.server.command"], "hblint");
    assert_eq!(vscode["glspc.server.languageId"], json!(["markdown"]));
    let vscode_args: Vec<&str> =
        vscode["glspc.server.commandArguments"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();

    let helix: toml::Value = toml::from_str(readme_block("**Helix**", "toml")).expect("languages.toml is TOML");
    let server = &helix["language-server"]["hblint"];
    assert_eq!(server["command"].as_str(), Some("hblint"));
    let helix_args: Vec<&str> = server["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    let markdown =
        helix["language"].as_array().unwrap().iter().find(|l| l["name"].as_str() == Some("markdown")).unwrap();
    assert!(markdown["language-servers"].as_array().unwrap().iter().any(|s| s.as_str() == Some("hblint")));

    // Each configuration's command line, run as the editor runs it, serves a page.
    for args in [vscode_args, helix_args] {
        let dir = project();
        let root = dir.path().canonicalize().unwrap();
        let page_uri = uri(&root.join("page.md"));
        let mut client = Client::start_with(&root, &args);
        initialize(&mut client, &root);
        assert_eq!(open(&mut client, &page_uri, PAGE).len(), 3, "{args:?}");
    }
}

#[test]
fn a_page_changed_on_disk_changes_the_links_of_an_open_page_and_markdownlint_rules_get_markdownlint_comments() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::git(&root, &["init", "-q"]);
    // A Middleman content folder: the link rules read its site index.
    std::fs::write(root.join("hblint.toml"), "select = [\"LK\", \"MD013\"]\n[site]\ncontent = [\".\"]\n").unwrap();
    std::fs::write(root.join("values.html.md"), "# Values\n\n## Iteration\n").unwrap();
    let page =
        "# Handbook\n\nSee [iteration](/values/#iteration), a line that is longer than eighty characters in all.\n";
    std::fs::write(root.join("index.html.md"), page).unwrap();
    let page_uri = uri(&root.join("index.html.md"));
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let diagnostics = open(&mut client, &page_uri, page);
    assert_eq!(summary(&diagnostics), [("MD013".to_string(), 2, 80, 89)]);

    // markdownlint's rule, with a blank line above: markdownlint's comment, on the line above.
    let md013 = actions(&mut client, &page_uri, &diagnostics[0]);
    let disabled = apply(page, action(&md013, "Disable MD013 for this line"), &page_uri);
    assert_eq!(
        disabled,
        "# Handbook\n\n<!-- markdownlint-disable-next-line MD013 -->\nSee [iteration](/values/#iteration), a line that is longer than eighty characters in all.\n"
    );
    assert!(change(&mut client, &page_uri, 2, &disabled).is_empty());

    // The heading it links to is renamed on disk: the open page, unchanged, now has LK002.
    std::fs::write(root.join("values.html.md"), "# Values\n\n## Iterate\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("values.html.md")), "type": 2}]}),
    );
    let after = client.diagnostics(&page_uri);
    assert_eq!(summary(&after).into_iter().map(|s| s.0).collect::<Vec<_>>(), ["LK002"], "{after:?}");
    assert!(after[0]["message"].as_str().unwrap().starts_with("'#iteration' is no anchor on '/values/'"), "{after:?}");
}
