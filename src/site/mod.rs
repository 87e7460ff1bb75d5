//! The handbook as a site: how its generator turns files into routes and headings into ids.

pub mod anchors;
