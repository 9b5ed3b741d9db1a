//! The integration tests, in one binary.

mod batch;
mod chart;
mod model;
mod parse;
mod query;
mod robust;
