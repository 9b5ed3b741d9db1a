//! The integration tests, in one binary.

mod batch;
mod cases;
mod chart;
mod cli;
mod export;
mod model;
mod parse;
mod query;
mod robust;
