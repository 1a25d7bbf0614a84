//! API tokens for the write routes.
//!
//! A token is created by `vigie token create` (or the store directly), shown
//! once and stored hashed by the store. Requests send it as
//! `Authorization: Bearer <token>`; the [`Authorized`] extractor checks it
//! against the store, so a handler that takes `Authorized` cannot run without
//! a valid token.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use vigie_store::TokenInfo;

/// Proof that the request carried a valid, unrevoked API token.
#[derive(Debug, Clone)]
pub struct Authorized(pub TokenInfo);

/// The secret of an `Authorization: Bearer …` header, if well-formed.
pub fn bearer_secret(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !secret.is_empty() && secret.len() <= 512)
        .then_some(secret)
}

impl FromRequestParts<AppState> for Authorized {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secret = bearer_secret(parts)
            .ok_or(ApiError::Unauthorized)?
            .to_string();
        let found = state
            .blocking(move |store| store.verify_token(&secret))
            .await?;
        found.map(Authorized).ok_or(ApiError::Unauthorized)
    }
}
