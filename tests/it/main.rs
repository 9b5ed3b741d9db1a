//! The integration tests, in one binary.

mod batch;
mod export;
mod model;
mod parse;
mod query;
mod robust;
