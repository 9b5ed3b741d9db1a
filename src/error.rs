//! Errors for the model: validation, merging and loading.

use std::fmt;

use crate::Span;
use crate::model::{ActorId, DocumentId};

/// One problem [`Analysis::validate`](crate::Analysis::validate) found.
///
/// `at` names the place, as a path into the analysis: `statements[3].speaker`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// An id that names no actor.
    #[error("{at}: no actor with id \"{id}\"")]
    UnknownActor {
        /// Where the id is.
        at: String,
        /// The dangling id.
        id: ActorId,
    },
    /// A document id that names no document.
    #[error("{at}: no document with id \"{id}\"")]
    UnknownDocument {
        /// Where the id is.
        at: String,
        /// The dangling id.
        id: DocumentId,
    },
    /// A span that does not lie within its document.
    #[error("{at}: span {span} is outside document \"{document}\", which is {len} bytes long")]
    SpanOutOfBounds {
        /// Where the span is.
        at: String,
        /// The span.
        span: Span,
        /// The document it should lie in.
        document: DocumentId,
        /// The document's length in bytes.
        len: usize,
    },
    /// An actor stored under a key other than its own id.
    #[error("actors[{key}]: the actor's id is \"{id}\", not its key")]
    ActorKeyMismatch {
        /// The key it is stored under.
        key: ActorId,
        /// Its own id.
        id: ActorId,
    },
    /// An actor whose affiliation chain comes back to itself.
    #[error("actors[{id}]: the affiliation chain loops")]
    AffiliationCycle {
        /// An actor on the loop.
        id: ActorId,
    },
    /// Two documents with the same id.
    #[error("documents: the id \"{id}\" is used twice")]
    DuplicateDocument {
        /// The repeated id.
        id: DocumentId,
    },
}

/// Everything [`Analysis::validate`](crate::Analysis::validate) found wrong,
/// in the order found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    pub(crate) fn new(errors: Vec<ValidationError>) -> ValidationErrors {
        ValidationErrors(errors)
    }

    /// The problems, in the order found (never empty).
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "invalid analysis ({n} problem{})",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Why two analyses (or an analysis and a document) could not be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Both hold a document with this id.
    #[error("document \"{0}\" is already in the analysis")]
    DuplicateDocument(DocumentId),
}

/// Why an analysis could not be read from JSON.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not JSON, or not JSON of the analysis's shape.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The JSON is well formed but refers to things that are not there.
    #[error(transparent)]
    Invalid(ValidationErrors),
}

impl LoadError {
    pub(crate) fn from_json(e: serde_json::Error) -> LoadError {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        LoadError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}
