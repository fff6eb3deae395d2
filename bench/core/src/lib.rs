//! Only the bench lives here.
