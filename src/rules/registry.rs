//! The rules hblint knows: the built-in table, the packs shipped in the binary, and user packs.

use super::pack;
use super::{Rule, front_matter, inclusive, job_family, ladder, links, markdown, prose};
use crate::error::LocatedError;
use std::path::PathBuf;

/// Every built-in rule written in Rust, sorted by code.
pub static BUILTIN: &[&dyn Rule] = &[
    &front_matter::BrokenFrontMatter,
    &inclusive::il001_masculine_coded_language::MasculineCodedLanguage,
    &inclusive::il002_gender_coded_word::GenderCodedWord,
    &inclusive::il003_gendered_pronoun::GenderedPronoun,
    &inclusive::il004_misused_term::NO_TERMS,
    &inclusive::il005_fixed_mindset_language::FixedMindsetLanguage,
    &inclusive::il006_mindset_coded_word::MindsetCodedWord,
    &inclusive::il007_stale_skip_entry::StaleSkipEntry,
    &job_family::missing_job_grade::MissingJobGrade,
    &job_family::non_monotonic_grades::NonMonotonicGrades,
    &job_family::duplicate_bullet::DuplicateBullet,
    &job_family::inherited_duplicate_bullet::InheritedDuplicateBullet,
    &job_family::grade_title_mismatch::GradeTitleMismatch,
    &job_family::missing_role_section::MissingRoleSection,
    &job_family::missing_page_section::MissingPageSection,
    &job_family::missing_required_bullet::MissingRequiredBullet,
    &job_family::misnested_level::MisnestedLevel,
    &job_family::unknown_inherited_level::UnknownInheritedLevel,
    &job_family::equal_grade_higher_rank::EqualGradeHigherRank,
    &job_family::empty_section::EmptySection,
    &job_family::heading_trailing_nbsp::HeadingTrailingNbsp,
    &ladder::ld001_title_grade_conflict::TitleGradeConflict,
    &ladder::ld002_unlisted_job_family::NO_LIST,
    &ladder::ld003_stale_job_family_entry::StaleJobFamilyEntry,
    &links::lk001_missing_page::MissingPage,
    &links::lk002_missing_fragment::MissingFragment,
    &links::lk003_redirected_link::RedirectedLink,
    &links::lk004_absolute_internal_link::AbsoluteInternalLink,
    &links::lk005_malformed_link::MalformedLink,
    &links::lk006_unverifiable_link::UnverifiableLink,
    &links::lk007_removed_page_linked::RemovedPageLinked,
    &markdown::md001_heading_increment::HeadingIncrement,
    &markdown::md003_heading_style::HeadingStyle,
    &markdown::md004_ul_style::UlStyle,
    &markdown::md005_list_indent::ListIndent,
    &markdown::md007_ul_indent::UlIndent,
    &markdown::md009_no_trailing_spaces::NoTrailingSpaces,
    &markdown::md010_no_hard_tabs::NoHardTabs,
    &markdown::md011_no_reversed_links::NoReversedLinks,
    &markdown::md012_no_multiple_blanks::NoMultipleBlanks,
    &markdown::md013_line_length::LineLength,
    &markdown::md014_commands_show_output::CommandsShowOutput,
    &markdown::md018_no_missing_space_atx::NoMissingSpaceAtx,
    &markdown::md019_no_multiple_space_atx::NoMultipleSpaceAtx,
    &markdown::md020_no_missing_space_closed_atx::NoMissingSpaceClosedAtx,
    &markdown::md021_no_multiple_space_closed_atx::NoMultipleSpaceClosedAtx,
    &markdown::md022_blanks_around_headings::BlanksAroundHeadings,
    &markdown::md023_heading_start_left::HeadingStartLeft,
    &markdown::md024_no_duplicate_heading::NoDuplicateHeading,
    &markdown::md025_single_h1::SingleH1,
    &markdown::md026_no_trailing_punctuation::NoTrailingPunctuation,
    &markdown::md027_no_multiple_space_blockquote::NoMultipleSpaceBlockquote,
    &markdown::md028_no_blanks_blockquote::NoBlanksBlockquote,
    &markdown::md029_ol_prefix::OlPrefix,
    &markdown::md030_list_marker_space::ListMarkerSpace,
    &markdown::md031_blanks_around_fences::BlanksAroundFences,
    &markdown::md032_blanks_around_lists::BlanksAroundLists,
    &markdown::md033_no_inline_html::NoInlineHtml,
    &markdown::md034_no_bare_urls::NoBareUrls,
    &markdown::md035_hr_style::HrStyle,
    &markdown::md036_no_emphasis_as_heading::NoEmphasisAsHeading,
    &markdown::md037_no_space_in_emphasis::NoSpaceInEmphasis,
    &markdown::md038_no_space_in_code::NoSpaceInCode,
    &markdown::md039_no_space_in_links::NoSpaceInLinks,
    &markdown::md040_fenced_code_language::FencedCodeLanguage,
    &markdown::md041_first_line_heading::FirstLineHeading,
    &markdown::md042_no_empty_links::NoEmptyLinks,
    &markdown::md043_required_headings::RequiredHeadings,
    &markdown::md044_proper_names::ProperNames,
    &markdown::md045_no_alt_text::NoAltText,
    &markdown::md046_code_block_style::CodeBlockStyle,
    &markdown::md047_single_trailing_newline::SingleTrailingNewline,
    &markdown::md048_code_fence_style::CodeFenceStyle,
    &markdown::md049_emphasis_style::EmphasisStyle,
    &markdown::md050_strong_style::StrongStyle,
    &markdown::md051_link_fragments::LinkFragments,
    &markdown::md052_reference_links_images::ReferenceLinksImages,
    &markdown::md053_link_image_reference_definitions::LinkImageReferenceDefinitions,
    &markdown::md054_link_image_style::LinkImageStyle,
    &markdown::md055_table_pipe_style::TablePipeStyle,
    &markdown::md056_table_column_count::TableColumnCount,
    &markdown::md058_blanks_around_tables::BlanksAroundTables,
    &markdown::md059_descriptive_link_text::DescriptiveLinkText,
    &markdown::md060_table_column_style::TableColumnStyle,
    &prose::slash_typo::SlashTypo,
];

/// Rules that run only when selected (by code, name, prefix, group or `ALL`), never in a default
/// run: one information-level finding per word (the page verdicts IL001 and IL005 are on by
/// default) or per link the repository cannot verify (LK006) would bury a default run's other
/// findings. A list here, not a field of every
/// `RuleMeta`, because only these few rules need it.
pub const OPT_IN: &[&str] = &["IL002", "IL006", "LK006"];

/// Whether a rule runs when nothing is selected: all but markdownlint's, which a handbook turns
/// on by selecting them (`--select MD`) or through its markdownlint configuration, and the
/// [`OPT_IN`] rules.
pub fn on_by_default(meta: &super::RuleMeta) -> bool {
    meta.group != super::Group::Markdown && !OPT_IN.contains(&meta.code)
}

/// The packs this process has loaded, by path and text. A pack's rules live as long as the
/// process (they are `&'static`, like the built-in ones): a configuration read again (the
/// language server after a config file changed, or `check` with many folders naming one pack)
/// takes them from here instead of leaking another copy. Only a pack whose text changed is
/// loaded again.
static LOADED_PACKS: std::sync::Mutex<Vec<(PathBuf, String, Vec<&'static pack::PackRule>)>> =
    std::sync::Mutex::new(Vec::new());

/// The rules of the pack at `path` with `text`, whose codes must not collide with `taken`.
fn loaded_pack(
    path: &std::path::Path,
    text: &str,
    taken: &[&str],
) -> Result<Vec<&'static pack::PackRule>, LocatedError> {
    let mut loaded = LOADED_PACKS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, rules)) = loaded.iter().find(|(p, t, _)| p == path && t == text)
        && !rules.iter().any(|r| taken.contains(&r.meta().code))
    {
        return Ok(rules.clone());
    }
    // Parsed again when its codes now collide: the parse says where.
    let rules = pack::parse_with(path, text, taken)?.rules;
    loaded.push((path.to_path_buf(), text.to_string(), rules.clone()));
    Ok(rules)
}

/// A set of known rules, sorted by code.
#[derive(Clone)]
pub struct Registry {
    rules: Vec<&'static dyn Rule>,
    /// The packs read, with the text parsed (the result cache hashes it: not the file read again,
    /// which may have been saved since).
    pub sources: Vec<(PathBuf, std::sync::Arc<str>)>,
}

impl Registry {
    /// The built-in rules and the shipped packs.
    pub fn builtin() -> Registry {
        let mut rules: Vec<&'static dyn Rule> = BUILTIN.to_vec();
        rules.extend(pack::shipped_rules().iter().copied());
        rules.sort_by_key(|r| r.meta().code);
        Registry { rules, sources: Vec::new() }
    }

    /// The built-in rules plus the rules of the user packs at `paths`.
    pub fn with_packs(paths: &[PathBuf]) -> Result<Registry, LocatedError> {
        let mut registry = Registry::builtin();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| {
                LocatedError::in_file(path, format!("cannot read rule pack: {}", crate::error::describe_io(&e)))
            })?;
            registry.sources.push((path.clone(), std::sync::Arc::from(text.as_str())));
            let taken: Vec<&'static str> = registry.rules.iter().map(|r| r.meta().code).collect();
            registry.rules.extend(loaded_pack(path, &text, &taken)?.into_iter().map(|r| r as &'static dyn Rule));
        }
        registry.rules.sort_by_key(|r| r.meta().code);
        Ok(registry)
    }

    /// The same rules with `rule` in place of the one with its code (a rule built from the
    /// repository's data, such as IL004 with the handbook's list of misused terms).
    pub fn with_rule(mut self, rule: &'static dyn Rule) -> Registry {
        let code = rule.meta().code;
        self.rules.retain(|r| r.meta().code != code);
        self.rules.push(rule);
        self.rules.sort_by_key(|r| r.meta().code);
        self
    }

    /// Every rule, sorted by code.
    pub fn rules(&self) -> &[&'static dyn Rule] {
        &self.rules
    }

    /// The rules that run when nothing is selected (see [`on_by_default`]).
    pub fn default_rules(&self) -> Vec<&'static dyn Rule> {
        self.rules.iter().copied().filter(|r| on_by_default(r.meta())).collect()
    }

    /// Finds a rule by code (case-insensitive) or kebab name.
    pub fn find(&self, key: &str) -> Option<&'static dyn Rule> {
        self.rules.iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(key) || r.meta().name == key)
    }

    /// Resolves a selector: a code ("JF002"), a code prefix ("JF"), a name, a group name
    /// ("job-family") or `ALL` (every rule, markdownlint's included, as in ruff). Returns the
    /// matching rules, or an error naming the unknown selector.
    pub fn select(&self, selector: &str) -> Result<Vec<&'static dyn Rule>, String> {
        let key = selector.trim();
        if key.eq_ignore_ascii_case("all") {
            return Ok(self.rules.clone());
        }
        let upper = key.to_ascii_uppercase();
        let matched: Vec<&'static dyn Rule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| {
                let m = r.meta();
                m.code.eq_ignore_ascii_case(key)
                    || m.name == key
                    || m.group.as_str() == key
                    || (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()) && m.code.starts_with(&upper))
            })
            .collect();
        if matched.is_empty() {
            Err(format!("unknown rule or group '{selector}' (see 'hblint rules')"))
        } else {
            Ok(matched)
        }
    }
}

/// Finds a built-in or shipped rule by code or name.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    Registry::builtin().find(key)
}

/// Resolves a selector against the built-in and shipped rules.
pub fn select(selector: &str) -> Result<Vec<&'static dyn Rule>, String> {
    Registry::builtin().select(selector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_read_again_unchanged_is_the_same_rules_and_changed_is_new_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.toml");
        let pack = "[pack]\nname = \"t\"\nprefix = \"ZZ\"\ndescription = \"d\"\n\n[[rule]]\ncode = \"ZZ001\"\nname = \"zz\"\nkind = \"substitution\"\nseverity = \"warning\"\nscope = \"text\"\nmessage = \"m\"\nsummary = \"s\"\ndocs = \"d\"\nswap = { \"a\" = \"b\" }\n";
        std::fs::write(&path, pack).unwrap();
        let rule = |registry: &Registry| registry.find("ZZ001").map(|r| r.meta() as *const _).unwrap();
        let first = Registry::with_packs(std::slice::from_ref(&path)).unwrap();
        let again = Registry::with_packs(std::slice::from_ref(&path)).unwrap();
        assert!(std::ptr::eq(rule(&first), rule(&again)), "the same pack was leaked twice");
        std::fs::write(&path, pack.replace("\"b\"", "\"c\"")).unwrap();
        let changed = Registry::with_packs(std::slice::from_ref(&path)).unwrap();
        assert!(!std::ptr::eq(rule(&first), rule(&changed)));
        // Named twice, the second copy collides with the first, as before.
        let twice = Registry::with_packs(&[path.clone(), path.clone()]).err().unwrap();
        assert!(twice.to_string().contains("ZZ001"), "{twice}");
    }

    #[test]
    fn registry_is_sorted_and_codes_are_unique() {
        let codes: Vec<&str> = Registry::builtin().rules().iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn selectors() {
        assert!(select("JF00").unwrap().len() >= 5);
        assert_eq!(select("jf002").unwrap()[0].meta().name, "non-monotonic-grades");
        assert_eq!(select("slash-typo").unwrap()[0].meta().code, "PR001");
        assert!(select("prose").unwrap().len() >= 4);
        assert!(select("XX9").is_err());
        let every = Registry::builtin().rules().len();
        assert_eq!(select("ALL").unwrap().len(), every);
        assert_eq!(select("all").unwrap().len(), every);
        assert!(select("MD").unwrap().len() < every);
    }

    #[test]
    fn opt_in_rules_run_only_when_selected() {
        let defaults: Vec<&str> = Registry::builtin().default_rules().iter().map(|r| r.meta().code).collect();
        for code in OPT_IN {
            assert!(!defaults.contains(code), "{code} is opt-in");
            assert_eq!(select(code).unwrap()[0].meta().code, *code);
        }
        assert!(defaults.contains(&"IL001") && defaults.contains(&"IL005"));
        assert!(select("inclusive").unwrap().iter().any(|r| r.meta().code == "IL002"));
    }
}
