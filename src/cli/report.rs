//! The end of a check run: every file's findings counted and written to the outputs as it
//! finishes (stdout and `--output` files), then the closing part: the report's end, statistics,
//! the summary line, a baseline, errors and the exit code.

use super::args::CheckArgs;
use super::filters::Filters;
use super::statistics::Statistics;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, error, plural};
use crate::baseline::{BaselineWriter, Entry};
use crate::diagnostic::Severity;
use crate::output::human::Summary;
use crate::output::{FORMATS, FileFindings, Format, ReportContext, Reporter};
use crate::rendering::Rendering;
use crate::run::{self, FileOutcome};
use crate::source::SourceFile;
use std::fs::File;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where `--output` writes a report, and in which format.
#[derive(Debug, Clone)]
pub(super) struct ReportFile {
    format: &'static Format,
    path: PathBuf,
}

/// Reads `--output` values: `FORMAT=FILE`, or `FILE` in the `--format` format.
pub(super) fn report_files(args: &CheckArgs) -> Result<Vec<ReportFile>, String> {
    let mut files = Vec::new();
    for value in &args.outputs {
        let (format, path) = match value.split_once('=') {
            Some((name, path)) if Format::from_name(name).is_some() => (Format::from_name(name), path),
            _ => (None, value.as_str()),
        };
        let format = match format {
            Some(format) => format,
            None if !args.format.terminal => args.format,
            None => {
                let names: Vec<&str> = FORMATS.iter().filter(|f| !f.terminal).map(|f| f.name).collect();
                return Err(format!(
                    "--output {value}: say which format to write, e.g. --output gitlab={value} (formats: {})",
                    names.join(", ")
                ));
            }
        };
        if format.terminal {
            return Err(format!(
                "--output {value}: {} output goes to the terminal; write 'concise' to a file instead",
                format.name
            ));
        }
        if path.is_empty() {
            return Err(format!("--output {value}: no file name"));
        }
        files.push(ReportFile { format, path: PathBuf::from(path) });
    }
    Ok(files)
}

/// One report being written as files finish: a format, where it goes, and whether it still
/// takes text (a closed pipe or a full disk stops the rendering for it, not the run).
pub(super) struct Output {
    format: &'static Format,
    reporter: Box<dyn Reporter>,
    /// `None` for stdout.
    file: Option<PathBuf>,
    open: AtomicBool,
}

impl Output {
    pub(super) fn stdout(format: &'static Format, context: &ReportContext) -> Output {
        Output { format, reporter: (format.start)(context), file: None, open: AtomicBool::new(true) }
    }

    pub(super) fn file(file: ReportFile, context: &ReportContext) -> Output {
        let reporter = (file.format.start)(context);
        Output { format: file.format, reporter, file: Some(file.path), open: AtomicBool::new(true) }
    }

    pub(super) fn needs_fingerprints(&self) -> bool {
        self.reporter.needs_fingerprints()
    }

    pub(super) fn is_open(&self) -> bool {
        self.open.load(Ordering::Relaxed)
    }

    fn close(&self) {
        self.open.store(false, Ordering::Relaxed);
    }

    /// Renders one file for this output (nothing once it is closed); runs on the workers.
    pub(super) fn render_file(&self, file: &FileFindings<'_>, source: &SourceFile) -> Vec<u8> {
        if self.is_open() { self.reporter.render_file(file, source) } else { Vec::new() }
    }
}

/// A report file's writer, made when the first thing is written to it, and its first error.
#[derive(Default)]
struct ReportWriter {
    writer: Option<BufWriter<File>>,
    error: Option<io::Error>,
}

impl ReportWriter {
    /// The file to write to, created on first use; `None` after an error.
    fn get(&mut self, path: &PathBuf) -> Option<&mut BufWriter<File>> {
        if self.error.is_some() {
            return None;
        }
        if self.writer.is_none() {
            match File::create(path) {
                Ok(file) => self.writer = Some(BufWriter::new(file)),
                Err(err) => {
                    self.error = Some(err);
                    return None;
                }
            }
        }
        self.writer.as_mut()
    }
}

/// Everything the run adds up while files finish, and the outputs it writes them to.
pub(super) struct RunReport<'a> {
    args: &'a CheckArgs,
    mode: run::Mode,
    /// Stdout's output (if any) first, then the `--output` files.
    outputs: &'a [Output],
    /// One per output: its file's writer (unused for stdout).
    writers: Vec<ReportWriter>,
    stdout: StdoutLock<'static>,
    /// Stdout's first write error.
    written: io::Result<()>,
    /// Each input's failing severity, in input order, and the next input's position.
    fail_on: Vec<Severity>,
    position: usize,
    summary: Summary,
    failing: bool,
    unreadable: Vec<(PathBuf, String)>,
    /// Broken configurations, each said with the files it kept from being linted, and how many.
    not_linted: Vec<(String, usize)>,
    /// With `--fix`, the files whose fixes could not be written, and why.
    unwritable: Vec<(PathBuf, String)>,
    /// With `--fix`, the files whose fixes never settle, and which.
    unfixed: Vec<(PathBuf, String)>,
    statistics: Option<Statistics>,
    /// `(problems, files)` fixed.
    fixed: (usize, usize),
    /// With `--fix` on stdin, the fixed text: stdout's only content.
    fixed_text: Option<String>,
    /// With `--diff`, whether any file has something to fix.
    any_diff: bool,
    /// With `--write-baseline`, the entries to write.
    baseline_entries: Option<BaselineWriter>,
}

impl<'a> RunReport<'a> {
    pub(super) fn new(
        args: &'a CheckArgs,
        mode: run::Mode,
        outputs: &'a [Output],
        fail_on: Vec<Severity>,
        unreadable: Vec<(PathBuf, String)>,
    ) -> RunReport<'a> {
        RunReport {
            args,
            mode,
            outputs,
            writers: outputs.iter().map(|_| ReportWriter::default()).collect(),
            stdout: io::stdout().lock(),
            written: Ok(()),
            fail_on,
            position: 0,
            summary: Summary::default(),
            failing: false,
            unreadable,
            not_linted: Vec::new(),
            unwritable: Vec::new(),
            unfixed: Vec::new(),
            statistics: args.statistics.then(Statistics::default),
            fixed: (0, 0),
            fixed_text: None,
            any_diff: false,
            baseline_entries: args.write_baseline.as_ref().map(|_| BaselineWriter::default()),
        }
    }

    /// Broken configurations and the files they kept from being linted (see `check`).
    pub(super) fn not_linted(&mut self, not_linted: Vec<(String, usize)>) {
        self.not_linted = not_linted;
    }

    /// Takes one finished file (in input order): counts it and writes it to every output.
    pub(super) fn add(&mut self, outcome: FileOutcome) {
        let fail_on = self.fail_on[self.position];
        self.position += 1;
        let mut linted = match outcome.result {
            Ok(linted) => linted,
            Err(message) => return self.unreadable.push((outcome.path, message)),
        };
        self.summary.files_checked += 1;
        match linted.not_fixed.take() {
            Some(run::NotFixed::Unwritable(message)) => self.unwritable.push((outcome.path.clone(), message)),
            Some(run::NotFixed::Runaway(message)) => self.unfixed.push((outcome.path.clone(), message)),
            None => {}
        }
        if !linted.diagnostics.is_empty() {
            self.summary.files_with_problems += 1;
        }
        for d in &linted.diagnostics {
            match d.diagnostic.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
                Severity::Info => self.summary.infos += 1,
            }
            self.failing |= d.diagnostic.severity >= fail_on;
        }
        if let Some(statistics) = &mut self.statistics {
            statistics.add(&linted.diagnostics);
        }
        if linted.fixed > 0 {
            self.fixed = (self.fixed.0 + linted.fixed, self.fixed.1 + 1);
        }
        match (self.mode, linted.output.take()) {
            (run::Mode::Diff, Some(diff)) => {
                self.any_diff = true;
                self.write_stdout(diff.as_bytes());
            }
            // Stdin comes first: once it is fixed, stdout is for the fixed text alone (an editor
            // pipes it back) and no report is written.
            (run::Mode::Fix, Some(text)) if self.fixed_text.is_none() => {
                self.fixed_text = Some(text);
                self.outputs.iter().for_each(Output::close);
            }
            _ => {}
        }
        let file = FileFindings::new(&outcome.path, &linted.diagnostics);
        if let Some(entries) = &mut self.baseline_entries {
            let recorded = file.diagnostics.iter().map(|d| Entry {
                fingerprint: d.fingerprint.clone(),
                path: file.repo_path.clone(),
                code: d.diagnostic.rule.code.to_string(),
                line: d.start.line,
                message: d.diagnostic.message.clone(),
            });
            entries.add_file(&file.repo_path, recorded.collect());
        }
        for (i, rendered) in linted.rendered.iter().enumerate() {
            self.write_file(i, &file, rendered);
        }
    }

    /// Takes a data file's findings (after every input), counted with its own failing severity.
    pub(super) fn add_data_file(&mut self, outcome: FileOutcome, fail_on: Severity) {
        self.fail_on.push(fail_on);
        self.add(outcome);
    }

    /// Writes one file's rendering to output `i`, closing the output when that fails.
    fn write_file(&mut self, i: usize, file: &FileFindings<'_>, rendered: &Rendering) {
        let Some(output) = self.outputs.get(i).filter(|o| o.is_open()) else { return };
        let written = match &output.file {
            None => output.reporter.write_file(file, rendered, &mut self.stdout),
            Some(path) => match self.writers[i].get(path) {
                Some(writer) => output.reporter.write_file(file, rendered, writer),
                None => return output.close(),
            },
        };
        if let Err(err) = written {
            output.close();
            match &output.file {
                None => self.written = Err(err),
                Some(_) => self.writers[i].error = Some(err),
            }
        }
    }

    fn write_stdout(&mut self, bytes: &[u8]) {
        if self.written.is_ok() {
            self.written = self.stdout.write_all(bytes);
        }
    }

    fn report_unreadable(&self) {
        for (message, _) in &self.not_linted {
            eprintln!("hblint: error: {message}");
        }
        for (path, message) in self.unwritable.iter().chain(&self.unfixed).chain(&self.unreadable) {
            eprintln!("hblint: error: {}: {message}", crate::paths::display_path(path));
        }
    }

    /// Stdout's write error, unless it is a reader that went away (`hblint check | head`).
    fn stdout_error(&mut self) -> Option<io::Error> {
        match std::mem::replace(&mut self.written, Ok(())) {
            Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Some(err),
            _ => None,
        }
    }

    fn exit_code(&self) -> u8 {
        if !self.unreadable.is_empty()
            || !self.not_linted.is_empty()
            || !self.unwritable.is_empty()
            || !self.unfixed.is_empty()
        {
            EXIT_ERROR
        } else if self.failing && !self.args.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }

    /// After the last file: ends every output, prints the summary and returns the exit code.
    pub(super) fn finish(mut self, filters: &Filters) -> u8 {
        if self.mode == run::Mode::Diff {
            return self.finish_diff();
        }
        self.summary.unreadable = self.unreadable.len();
        self.summary.unwritable = self.unwritable.len();
        self.summary.unfixed = self.unfixed.len();
        self.summary.not_linted = self.not_linted.iter().map(|(_, files)| files).sum();
        if let Some(entries) = self.baseline_entries.take() {
            return self.write_baseline(entries);
        }
        let baselined_gone = filters.baselined_gone();
        if let Some(fixed) = self.fixed_text.take() {
            let _ = self.stdout.write_all(fixed.as_bytes());
            let _ = self.stdout.flush();
            self.report_unreadable();
            return self.exit_code();
        }
        if let Some(statistics) = &self.statistics {
            let text = statistics.render(self.args.format.name == "json");
            self.write_stdout(text.as_bytes());
        } else if let Some(output) = self.outputs.first().filter(|o| o.file.is_none() && o.is_open()) {
            self.written = output.reporter.finish(&mut self.stdout);
        }
        self.write_summary(baselined_gone);
        let _ = self.stdout.flush();
        self.report_unreadable();
        if let Some(err) = self.stdout_error() {
            return error(format!("cannot write output: {err}"));
        }
        if let Some(code) = self.finish_report_files() {
            return code;
        }
        self.exit_code()
    }

    /// The summary line for people, or on stderr how many baselined findings are gone.
    fn write_summary(&mut self, baselined_gone: Option<usize>) {
        let gone = baselined_gone.filter(|&n| n > 0);
        let gone_text = |gone: usize| {
            format!("{gone} baselined finding{} no longer occur{}", plural(gone), if gone == 1 { "s" } else { "" })
        };
        if (self.args.format.terminal || self.args.statistics) && !self.args.quiet {
            let (fixed, files) = self.fixed;
            if fixed > 0 {
                let line = format!("Fixed {fixed} problem{} in {files} file{}.\n", plural(fixed), plural(files));
                self.write_stdout(line.as_bytes());
            }
            let mut line = self.summary.line();
            if let Some(gone) = gone {
                line.push_str(&format!("; {} (refresh the baseline with --write-baseline)", gone_text(gone)));
            }
            line.push('\n');
            self.write_stdout(line.as_bytes());
        } else if let Some(gone) = gone {
            eprintln!("hblint: {}", gone_text(gone));
        }
    }

    /// Ends each `--output` file; the first that cannot be written ends the run with exit 2.
    fn finish_report_files(&mut self) -> Option<u8> {
        for (output, writer) in self.outputs.iter().zip(&mut self.writers) {
            let Some(path) = &output.file else { continue };
            let finished = match writer.get(path) {
                Some(file) => output.reporter.finish(file).and_then(|()| file.flush()),
                None => Ok(()),
            };
            if let Some(err) = writer.error.take().or(finished.err()) {
                return Some(error(format!(
                    "cannot write the {} report {}: {}",
                    output.format.name,
                    path.display(),
                    crate::error::describe_io(&err)
                )));
            }
        }
        None
    }

    /// `--diff`: the diffs went out as files finished; exit 1 when there is something to fix.
    fn finish_diff(mut self) -> u8 {
        if self.written.is_ok() {
            self.written = self.stdout.flush();
        }
        self.report_unreadable();
        if let Some(err) = self.stdout_error() {
            error(format!("cannot write output: {err}"))
        } else if !self.unreadable.is_empty() || !self.not_linted.is_empty() || !self.unfixed.is_empty() {
            EXIT_ERROR
        } else if self.any_diff {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }

    /// `--write-baseline`: every finding of the run, then exit 0 (2 with unreadable files).
    fn write_baseline(mut self, entries: BaselineWriter) -> u8 {
        let Some(path) = &self.args.write_baseline else { return EXIT_CLEAN };
        let count = entries.len();
        let _ = self.stdout.flush();
        self.report_unreadable();
        match entries.finish(path) {
            Ok(()) => {
                let files = self.summary.files_checked;
                let line = format!(
                    "Wrote {count} finding{} of {files} file{} to {}; run with --baseline {} to report only new ones.\n",
                    plural(count),
                    plural(files),
                    path.display(),
                    path.display()
                );
                self.write_stdout(line.as_bytes());
                let _ = self.stdout.flush();
                if self.unreadable.is_empty() && self.not_linted.is_empty() { EXIT_CLEAN } else { EXIT_ERROR }
            }
            Err(message) => error(message),
        }
    }
}
