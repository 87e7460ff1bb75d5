//! Rules over the job-family model of a page.

pub mod duplicate_bullet;
pub mod empty_section;
pub mod equal_grade_higher_rank;
pub mod grade_title_mismatch;
pub mod heading_trailing_nbsp;
pub mod inherited_duplicate_bullet;
pub mod misnested_level;
pub mod missing_job_grade;
pub mod missing_page_section;
pub mod missing_required_bullet;
pub mod missing_role_section;
pub mod non_monotonic_grades;
pub mod schema;
pub mod unknown_inherited_level;
