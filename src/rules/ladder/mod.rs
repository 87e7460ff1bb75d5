//! Career-ladder rules: what only the handbook as a whole can say about a job family. A title's
//! grade on other pages (LD001), and the compensation calculator's list of job families,
//! `data/people_group/job_families.yml` (LD002: a page it does not list; LD003: an entry whose
//! page is gone).

pub mod ld001_title_grade_conflict;
pub mod ld002_unlisted_job_family;
pub mod ld003_stale_job_family_entry;
