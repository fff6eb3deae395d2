//! The readers: the form's fields into checked values, pasted policies (read, evaluated
//! as IAM would, merged or fixed), and a stopped task's ECS error.

pub mod ecs_error;
pub mod existing;
pub(crate) mod form;
