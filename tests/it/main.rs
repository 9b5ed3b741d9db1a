//! The integration tests, in one binary.

mod batch;
mod model;
mod query;
mod robust;
