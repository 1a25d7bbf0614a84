//! /openapi.json tells the truth: every API route is in it, and every path
//! it lists is served by the router (no route missing on either side).

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::backends;
use vigie_server::ServerConfig;

/// Every route the API serves. A route added to the router without its
/// OpenAPI entry (or the reverse) fails this test.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/events/{id}/corrections"),
    ("post", "/api/events/{id}/corrections"),
    ("get", "/api/stats"),
    ("get", "/api/export"),
    ("get", "/api/health"),
    ("get", "/api/mentions"),
    ("get", "/api/runs"),
    ("get", "/api/rejections"),
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/documents/{id}/raw"),
    ("post", "/api/documents/{id}/extract"),
    ("post", "/api/extract"),
];

#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_is_served() {
    let t = backends("openapi", ServerConfig::default()).await.remove(0);
    let r = t.get("/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");

    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                documented.push((method.to_string(), path.clone()));
            }
        }
    }
    documented.sort();
    let mut expected: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    assert_eq!(
        documented, expected,
        "the OpenAPI document and the route list differ"
    );

    // Each documented operation is answered by its handler (not by the
    // unknown-route 404 or a 405), and write routes declare the token.
    for (method, path) in &documented {
        let uri = path.replace("{id}", "1");
        let req = Request::builder()
            .method(Method::from_bytes(method.to_uppercase().as_bytes()).expect("method"))
            .uri(&uri)
            .header("content-type", "text/plain")
            .body(Body::empty())
            .expect("request");
        let res = t.send(req).await;
        assert_ne!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        if res.status == StatusCode::NOT_FOUND {
            assert!(
                !res.text().contains("no API route"),
                "{method} {uri} is documented but not routed"
            );
        }
        let op = &paths[path.as_str()][method.as_str()];
        let writes = method == "post" && path != "/api/extract";
        assert_eq!(
            op.get("security").is_some(),
            writes,
            "{method} {path}: security declared iff it writes"
        );
        assert!(
            op["responses"]
                .as_object()
                .map(|r| !r.is_empty())
                .unwrap_or(false),
            "{method} {path} has responses"
        );
    }
    assert!(doc["components"]["securitySchemes"]["api_token"].is_object());
}
