//! The JSON routes under /api/. Each handler is annotated for the OpenAPI
//! document and registered with `utoipa_axum::routes!`, so a route cannot
//! exist without its entry in /openapi.json.

pub mod documents;
pub mod events;
pub mod export;
pub mod extract;
pub mod meta;
