//! The handbook as a whole: what no single page says. Built once per run over the repository,
//! before pages are linted: career ladders of every job family (`ladder`) and the data file that
//! lists the job families (`job_families`).

pub mod job_families;
pub mod ladder;
