//! Anchor ids as kramdown (Middleman) and Goldmark (Hugo) make them: exact expectations for
//! `hblint::site::anchors`, one generator behaviour per case.

use hblint::site::anchors::{IdStyle, hugo_id, kramdown_basic_id, kramdown_id, page_ids};

fn ids(text: &str, style: IdStyle) -> Vec<String> {
    let mut out = Vec::new();
    page_ids(text, style, &mut out);
    out
}

fn kramdown(text: &str) -> Vec<String> {
    ids(text, IdStyle::Kramdown)
}

fn hugo(text: &str) -> Vec<String> {
    ids(text, IdStyle::Hugo)
}

#[test]
fn kramdown_auto_ids_follow_the_gfm_parser() {
    // www-gitlab-com's config.rb: `set :markdown, tables: true, hard_wrap: false, input: 'GFM'`.
    let cases = [
        ("Responsibilities", "responsibilities"),
        ("Director, Product & Design", "director-product--design"),
        ("Senior Manager, Field Marketing", "senior-manager-field-marketing"),
        ("1. Be appropriately available", "1-be-appropriately-available"),
        ("30% Ruling in the Netherlands", "30-ruling-in-the-netherlands"),
        ("Environment Realm (`gl_realm`)", "environment-realm-gl_realm"),
        ("What's new?", "whats-new"),
        ("Product Manager (Intermediate)", "product-manager-intermediate"),
        // Inline markup is stripped: link text stays, the URL goes.
        ("[Foo](https://x.com) bar", "foo-bar"),
        ("[Foo][ref] bar", "foo-bar"),
        ("![logo](/i.png) Brand", "-brand"),
        ("**Bold** and _emphasis_", "bold-and-emphasis"),
        ("snake_case_name", "snake_case_name"),
        // An `_` after a letter, or one no `_` closes, is text (kramdown's parse_emphasis).
        ("Account Channels (a_)", "account-channels-a_"),
        ("trailing_", "trailing_"),
        ("_open only", "_open-only"),
        ("__Strong__ and _a_b_ c", "strong-and-a_b-c"),
        ("(_x_)", "x"),
        ("`code` span", "code-span"),
        ("<i class=\"fas fa-x\"></i> If you want to share", "-if-you-want-to-share"),
        ("Visit <https://x.com>", "visit-httpsxcom"),
        ("Café résumé", "café-résumé"),
        ("VP, Sales - EMEA", "vp-sales---emea"),
        // kramdown turns `--` into an en dash, which the id drops.
        ("Before -- after", "before--after"),
        ("Tabs\tand  spaces", "tabs-and--spaces"),
        ("Job Grade\u{a0}", "job-grade"),
        ("Q&amp;A", "qa"),
        ("Footnote[^1]", "footnote"),
        ("123", "123"),
        ("!!!", ""),
    ];
    for (text, want) in cases {
        assert_eq!(kramdown_id(text), want, "kramdown_id({text:?})");
    }
}

#[test]
fn kramdown_basic_ids_follow_basic_generate_id() {
    let cases = [
        ("Director, Product & Design", "director-product--design"),
        ("1. Getting started", "getting-started"),
        ("123", "section"),
        ("[Foo](https://x.com) bar", "foohttpsxcom-bar"),
        ("Café résumé", "caf-rsum"),
        ("snake_case_name", "snakecasename"),
    ];
    for (text, want) in cases {
        assert_eq!(kramdown_basic_id(text), want, "kramdown_basic_id({text:?})");
    }
}

#[test]
fn hugo_auto_ids_follow_sanitize_anchor_name() {
    let cases = [
        ("Responsibilities", "responsibilities"),
        ("Director, Product & Design", "director-product--design"),
        ("1. Getting started", "1-getting-started"),
        ("What's new?", "whats-new"),
        ("snake_case_name", "snake_case_name"),
        ("Café résumé", "café-résumé"),
        ("God is Good: 神真美好", "god-is-good-神真美好"),
        ("`code` span", "code-span"),
        ("  padded  ", "padded"),
        ("!!!", "heading"),
        ("Intro {{< icon \"x\" >}} text", "intro--text"),
        ("{{% param name %}}", "heading"),
        ("Job Grade\u{a0}", "job-grade"),
    ];
    for (text, want) in cases {
        assert_eq!(hugo_id(text), want, "hugo_id({text:?})");
    }
}

#[test]
fn duplicates_are_numbered_per_generator() {
    let page = "## Requirements\n\n## Requirements\n\n## Requirements\n";
    assert_eq!(kramdown(page), ["requirements", "requirements-1", "requirements-2"]);
    assert_eq!(hugo(page), ["requirements", "requirements-1", "requirements-2"]);
    // kramdown counts per base and never looks at what a suffix collides with; Goldmark takes
    // the first free number.
    let page = "## A\n\n## A 1\n\n## A\n";
    assert_eq!(kramdown(page), ["a", "a-1", "a-1"]);
    assert_eq!(hugo(page), ["a", "a-1", "a-2"]);
}

#[test]
fn explicit_heading_ids() {
    assert_eq!(kramdown("## Levels {#the-levels}\n\n## Levels\n"), ["the-levels", "levels"]);
    assert_eq!(hugo("## Levels {#the-levels}\n\n## Levels\n"), ["the-levels", "levels"]);
    // Goldmark counts explicit ids when numbering; kramdown does not.
    assert_eq!(hugo("## X {#levels}\n\n## Levels\n"), ["levels", "levels-1"]);
    assert_eq!(kramdown("## X {#levels}\n\n## Levels\n"), ["levels", "levels"]);
    assert_eq!(hugo("## Levels {#lv .wide}\n"), ["lv"]);
    // kramdown wants a space before `{#id}` and a letter first.
    assert_eq!(kramdown("## Levels{#lv}\n"), ["levelslv"]);
    assert_eq!(kramdown("## Levels {#1x}\n"), ["levels-1x"]);
    assert_eq!(kramdown("## Levels ## {#lv}\n"), ["lv"]);
    // Closing hashes go, with or without an id before them.
    assert_eq!(kramdown("## Levels ##\n"), ["levels"]);
    assert_eq!(hugo("## Levels ##\n"), ["levels"]);
    assert_eq!(hugo("## C# ##\n"), ["c"]);
}

#[test]
fn kramdown_ials_name_the_heading_or_block_they_follow() {
    let page = "## Senior Manager\n{: #senior-manager-x}\n\n## Senior Manager\n";
    // The heading with an IAL id gets no auto id and takes no number.
    assert_eq!(kramdown(page), ["senior-manager-x", "senior-manager"]);
    assert_eq!(kramdown("Some paragraph.\n{: #para .note}\n"), ["para"]);
    assert_eq!(kramdown("* item\n{:#list}\n"), ["list"]);
    assert_eq!(kramdown("- TOC\n{:toc}\n\n## A\n"), ["markdown-toc", "a"]);
    // An attribute list definition names no element.
    assert_eq!(kramdown("{:refdef: #not-an-id}\n\n## A\n"), ["a"]);
    // Goldmark does not read kramdown IALs.
    assert_eq!(hugo("## A\n{: #b}\n"), ["a"]);
}

#[test]
fn raw_html_ids_and_named_anchors() {
    let page = "<a id=\"one\"></a>\n<a name='two'></a> and <div class=\"x\" id=three>\n<span name=\"no\">x</span>\n";
    assert_eq!(kramdown(page), ["one", "two", "three"]);
    assert_eq!(hugo(page), ["one", "two", "three"]);
    assert_eq!(kramdown("## <a id=\"lvl\"></a>Level\n"), ["lvl", "level"]);
    // Not in code spans, comments or fenced code.
    assert_eq!(kramdown("Use `<a id=\"x\">` <!-- <a id=\"y\"> --> here\n"), Vec::<String>::new());
}

#[test]
fn code_comments_and_front_matter_hide_headings() {
    let page = "---\ntitle: x\n# not: a heading\n---\n\n```ruby\n# comment\n```\n\n~~~~\n## no\n~~~\n## still code\n~~~~\n\n<!--\n## commented\n-->\n\n    # indented code\n\n## Real\n";
    assert_eq!(kramdown(page), ["real"]);
    assert_eq!(hugo(page), ["real"]);
    assert_eq!(hugo("+++\ntitle = \"x\"\n+++\n# T\n"), ["t"]);
    // A page with no closing front-matter fence has no front matter.
    assert_eq!(kramdown("---\n## A\n"), ["a"]);
    assert_eq!(kramdown("{::comment}\n## Hidden\n{:/comment}\n## Shown\n"), ["shown"]);
    // Inside a list item, indented lines are not code.
    assert_eq!(hugo("1. Step\n\n    ## Inside\n"), ["inside"]);
}

#[test]
fn setext_headings_and_rules() {
    let page = "Title\n=====\n\nSection\n---\n\ntext\n\n---\n\n## After rule\n";
    assert_eq!(kramdown(page), ["title", "section", "after-rule"]);
    assert_eq!(hugo(page), ["title", "section", "after-rule"]);
    // Goldmark takes a multi-line paragraph's last line; kramdown makes no heading of it.
    assert_eq!(hugo("first line\nsecond line\n---\n"), ["second-line"]);
    assert_eq!(kramdown("first line\nsecond line\n---\n"), Vec::<String>::new());
    // A list item is not a setext heading's text.
    assert_eq!(hugo("- item\n---\n"), Vec::<String>::new());
}

#[test]
fn atx_details() {
    // Both need a space after the hashes (kramdown's GFM parser too).
    assert_eq!(hugo("#Tag\n"), Vec::<String>::new());
    assert_eq!(kramdown("#Tag\n"), Vec::<String>::new());
    // A heading with no word gets `id=""` from kramdown: nothing to link to, but it counts.
    assert_eq!(kramdown("## !!\n\n## !!\n\n## A\n"), ["-1", "a"]);
    assert_eq!(hugo("   ### Indented\n"), ["indented"]);
    assert_eq!(hugo("> ## Quoted\n"), ["quoted"]);
    assert_eq!(hugo("#\n"), ["heading"]);
    assert_eq!(hugo("####### seven\n"), Vec::<String>::new());
    assert_eq!(kramdown("## Job Grade\u{a0}\r\n"), ["job-grade"]);
}

#[test]
fn kramdown_span_and_list_item_ials() {
    assert_eq!(kramdown("- {:#cover-image} **Cover image**: text\n"), ["cover-image"]);
    assert_eq!(kramdown("A *word*{: #w} here and `{: #code}`\n"), ["w"]);
    assert_eq!(hugo("- {:#cover-image} text\n"), Vec::<String>::new());
}

#[test]
fn hugo_anchor_shortcode() {
    assert_eq!(hugo("1. {{% a \"low-context\" %}} Use low-context communication\n"), ["low-context"]);
    assert_eq!(hugo("{{< a \"x\" >}}{{< a \"y\" >}}\n"), ["x", "y"]);
    assert_eq!(hugo("{{% alert \"x\" %}}\n"), Vec::<String>::new());
    assert_eq!(kramdown("{{% a \"x\" %}}\n"), Vec::<String>::new());
}

#[test]
fn odd_input_never_panics() {
    let pieces = [
        "#", "##", "# ", "<", "<a", "<a id", "<a id=", "<a id=\"", "<!--", "-->", "{:", "{:}", "{: #", "{{", "{{%",
        "{{% a \"", "`", "``", "[", "](", "![", "&", "&#", "\\", "---", "===", "~~~", "```", "+++", "é", "\u{a0}",
        "\r", "\t", "    ", ">", "*", "_", "1.", "{#", "}", "{#}", "## x {#", "## x {#}", "\u{feff}",
    ];
    // Every pair and triple of pieces, on one line and on separate lines.
    for a in pieces {
        for b in pieces {
            for c in ["", "\n", " ", "x"] {
                let text = format!("{a}{c}{b}\n{a}{b}{c}");
                let _ = kramdown(&text);
                let _ = hugo(&text);
                let _ = kramdown_id(&text);
                let _ = hugo_id(&text);
                let _ = kramdown_basic_id(&text);
            }
        }
    }
}

#[test]
fn raw_html_blocks_hide_headings() {
    let page = "<script>\n# not a heading\n</script>\n<pre id=\"p\">\n## nor this\n</pre>\n\n## Shown\n";
    assert_eq!(kramdown(page), ["p", "shown"]);
    assert_eq!(hugo(page), ["p", "shown"]);
    assert_eq!(hugo("<pre>x</pre>\n## After\n"), ["after"]);
}
