//! The integration tests, in one binary.

mod batch;
mod cli;
mod export;
mod model;
mod parse;
mod query;
mod robust;
