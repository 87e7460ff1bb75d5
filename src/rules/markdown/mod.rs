//! markdownlint's rules, with its IDs, names, parameters and answers. Off by default: a handbook
//! turns them on with `--select MD` or through its markdownlint configuration.
//!
//! Like markdownlint, these rules see the lines after front matter (YAML, TOML `+++` or JSON
//! `{ … }`: `page::front_matter`) and report line numbers of the whole file.

pub mod md001_heading_increment;
pub mod md003_heading_style;
pub mod md004_ul_style;
pub mod md005_list_indent;
pub mod md007_ul_indent;
pub mod md009_no_trailing_spaces;
pub mod md010_no_hard_tabs;
pub mod md011_no_reversed_links;
pub mod md012_no_multiple_blanks;
pub mod md013_line_length;
pub mod md014_commands_show_output;
pub mod md018_no_missing_space_atx;
pub mod md019_no_multiple_space_atx;
pub mod md020_no_missing_space_closed_atx;
pub mod md021_no_multiple_space_closed_atx;
pub mod md022_blanks_around_headings;
pub mod md023_heading_start_left;
pub mod md024_no_duplicate_heading;
pub mod md025_single_h1;
pub mod md026_no_trailing_punctuation;
pub mod md027_no_multiple_space_blockquote;
pub mod md028_no_blanks_blockquote;
pub mod md029_ol_prefix;
pub mod md030_list_marker_space;
pub mod md031_blanks_around_fences;
pub mod md032_blanks_around_lists;
pub mod md033_no_inline_html;
pub mod md034_no_bare_urls;
pub mod md035_hr_style;
pub mod md036_no_emphasis_as_heading;
pub mod md037_no_space_in_emphasis;
pub mod md038_no_space_in_code;
pub mod md039_no_space_in_links;
pub mod md040_fenced_code_language;
pub mod md041_first_line_heading;
pub mod md042_no_empty_links;
pub mod md043_required_headings;
pub mod md044_proper_names;
pub mod md045_no_alt_text;
pub mod md046_code_block_style;
pub mod md047_single_trailing_newline;
pub mod md048_code_fence_style;
pub mod md049_emphasis_style;
pub mod md050_strong_style;
pub mod md051_link_fragments;
pub mod md052_reference_links_images;
pub mod md053_link_image_reference_definitions;
pub mod md054_link_image_style;
pub mod md055_table_pipe_style;
pub mod md056_table_column_count;
pub mod md058_blanks_around_tables;
pub mod md059_descriptive_link_text;
pub mod md060_table_column_style;

// Helpers the rules share, by topic.
pub mod emphasis;
pub mod escapes;
pub mod fixes;
pub mod headings;
pub mod html;
pub mod lines;
pub mod lists;
pub mod math;
pub mod references;
pub mod tables;
