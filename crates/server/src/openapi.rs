//! The OpenAPI document's frame: title, version, tags, the token scheme.
//! Paths and schemas are added by `utoipa_axum` as routes are registered.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vigie API",
        description = "Conflict reports → sourced, geocoded, ACLED-compatible events. \
Read routes are open; write routes need an API token (`vigie token create`) sent as \
`Authorization: Bearer <token>`. Every value that comes from a report is plain text.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&TokenScheme),
    tags(
        (name = "events", description = "Merged events, their evidence, claims, sources and corrections"),
        (name = "documents", description = "Reports: submit, list, read, re-extract; background mentions"),
        (name = "extract", description = "Try the extractor without storing"),
        (name = "export", description = "Exports in every format of `vigie export`"),
        (name = "meta", description = "Health and extraction runs")
    )
)]
struct BaseDoc;

struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn base() -> utoipa::openapi::OpenApi {
    let mut doc = BaseDoc::openapi();
    doc.info.version = vigie_core::VIGIE_VERSION.to_string();
    doc
}
