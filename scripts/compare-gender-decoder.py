#!/usr/bin/env python3
"""Compares hblint's IL001 verdict (masculine-coded or not) with gender-decoder's own `assess`.

Usage: compare-gender-decoder.py HBLINT GENDERDECODER_DIR CORPUS_DIR [--min PERCENT]

- HBLINT: the hblint binary.
- GENDERDECODER_DIR: the `genderdecoder` folder of the PyPI package `genderdecoder` 0.3 (the one
  holding `assess.py` and `wordlists.py`). Its `__init__.py` is Python 2 (implicit relative
  imports), so the folder goes on `sys.path` and `assess` and `wordlists` are imported as
  top-level modules; `assess.py` itself runs unchanged under Python 3 (its one division only
  matters for "strongly" verdicts, which are not compared).
- CORPUS_DIR: a folder of job-family pages; every `*.md` file under it is compared.

What each side reads: gender-decoder gets the raw page text, front matter and Markdown included,
as the handbook's CI job fed its checker the file as read from disk (it has no Markdown
stripping of its own). hblint reads the page as it always does (prose only) and runs IL001 with
`pages = "all"`, so that a page hblint does not read as a job family still gets a verdict.

The script also checks that hblint's word lists (src/rules/inclusive/coded_words.rs) are
gender-decoder's, entry for entry. It prints the agreement, then each disagreement with both
sides' counts and the words only one side counted; it exits 1 when the lists differ or the
agreement is below --min (default 97).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import warnings


def load_gender_decoder(folder):
    sys.path.insert(0, folder)
    with warnings.catch_warnings():
        # assess.py's regular expressions have invalid escapes ("\."): harmless, noisy.
        warnings.simplefilter("ignore")
        import assess  # noqa: E402
        import wordlists  # noqa: E402
    return assess, wordlists


def rust_list(source, name):
    match = re.search(r"pub const %s: &\[&str\] = &\[(.*?)\];" % name, source, re.S)
    return re.findall(r'"([^"]*)"', match.group(1)) if match else None


def hblint_verdicts(hblint, corpus):
    """Page path -> (masculine count, feminine count) for pages IL001 reports."""
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "hblint.toml")
        with open(config, "w", encoding="utf-8") as f:
            f.write('[rules.IL001]\npages = "all"\n')
        run = subprocess.run(
            [hblint, "check", "--select", "IL001", "--format", "concise", "--config", config, corpus],
            capture_output=True,
            text=True,
        )
    if run.returncode not in (0, 1):
        sys.exit("hblint failed (exit %d): %s" % (run.returncode, run.stderr.strip()))
    reported = {}
    pattern = re.compile(r"^(.*?):\d+:\d+: IL001 .*?\((\d+) to (\d+)\)")
    for line in run.stdout.splitlines():
        match = pattern.match(line)
        if match:
            reported[os.path.realpath(match.group(1))] = (int(match.group(2)), int(match.group(3)))
    return reported


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hblint")
    parser.add_argument("gender_decoder_dir")
    parser.add_argument("corpus")
    parser.add_argument("--min", type=float, default=97.0, help="lowest agreement that passes, in percent")
    args = parser.parse_args()

    assess, wordlists = load_gender_decoder(args.gender_decoder_dir)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "src", "rules", "inclusive", "coded_words.rs"), encoding="utf-8") as f:
        source = f.read()
    lists_ok = True
    for rust_name, python_list in [
        ("MASCULINE_CODED", wordlists.masculine_coded_words),
        ("FEMININE_CODED", wordlists.feminine_coded_words),
    ]:
        if rust_list(source, rust_name) != list(python_list):
            print("word list %s differs from gender-decoder's" % rust_name)
            lists_ok = False

    pages = sorted(
        os.path.realpath(os.path.join(root, name))
        for root, _, names in os.walk(args.corpus)
        for name in names
        if name.endswith(".md")
    )
    if not pages:
        sys.exit("no *.md pages under %s" % args.corpus)
    reported = hblint_verdicts(args.hblint, args.corpus)

    agree = 0
    disagreements = []
    for page in pages:
        with open(page, encoding="utf-8") as f:
            text = f.read()
        result = assess.assess(text)
        theirs = "masculine" in result["result"]
        ours = page in reported
        if theirs == ours:
            agree += 1
        else:
            disagreements.append((page, result, reported.get(page)))

    percent = 100.0 * agree / len(pages)
    print("gender-decoder agreement: %d of %d pages (%.1f%%)" % (agree, len(pages), percent))
    for page, result, counts in disagreements:
        gd_m, gd_f = len(result["masculine_coded_words"]), len(result["feminine_coded_words"])
        ours = "masculine-coded (%d to %d)" % counts if counts else "not masculine-coded"
        print("\n%s\n  gender-decoder: %s (%d to %d); hblint: %s" % (
            os.path.relpath(page, args.corpus), result["result"], gd_m, gd_f, ours))
        for kind in ("masculine_coded_words", "feminine_coded_words"):
            words = collections.Counter(result[kind])
            print("  gender-decoder's %s: %s" % (kind.replace("_", " "), ", ".join(
                "%s×%d" % (w, n) if n > 1 else w for w, n in sorted(words.items()))))
    if not lists_ok or percent < args.min:
        sys.exit(1)


if __name__ == "__main__":
    main()
