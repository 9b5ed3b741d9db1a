//! The integration tests, in one binary.

mod model;
mod query;
mod robust;
