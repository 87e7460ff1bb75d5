//! Link rules: a page's links read against the handbook as its site generator builds it (the
//! site index of `crate::site`). Each rule takes one outcome of the same reading (`resolve`);
//! a page outside a recognised site layout gets none of them.

pub mod lk001_missing_page;
pub mod lk002_missing_fragment;
pub mod lk003_redirected_link;
pub mod lk004_absolute_internal_link;
pub mod lk005_malformed_link;
pub mod lk006_unverifiable_link;
pub mod lk007_removed_page_linked;
pub mod resolve;
