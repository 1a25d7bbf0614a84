//! The API through the real router, on a real database, with the real
//! extractor. Each test runs on SQLite, and on PostgreSQL when
//! VIGIE_TEST_PG_URL is set (CI sets it).

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{backends, fixture, kidal_report, shown};
use serde_json::Value;
use vigie_server::ServerConfig;

fn config() -> ServerConfig {
    ServerConfig::default()
}

const KIDAL_BBOX: &str = "0.5,18,2,19.5";
const FAR_BBOX: &str = "-12,10,-10,12";

/// Submits a report and returns the submit result.
async fn submit(t: &common::TestApp, token: &str, body: Vec<u8>, query: &str) -> Value {
    let r = t
        .post(
            &format!("/api/documents?{query}"),
            "text/plain",
            body,
            Some(token),
        )
        .await;
    assert!(
        r.status == StatusCode::CREATED || r.status == StatusCode::OK,
        "{}: {} {}",
        t.backend,
        r.status,
        r.text()
    );
    r.json()
}

fn event_ids(v: &Value) -> Vec<i64> {
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn write_routes_refuse_requests_without_a_valid_token() {
    for t in backends("auth", config()).await {
        let body = fixture("menaka-clash.fr.txt");
        let no = t
            .post("/api/documents", "text/plain", body.clone(), None)
            .await;
        assert_eq!(no.status, StatusCode::UNAUTHORIZED, "{}", t.backend);
        assert_eq!(no.header("www-authenticate").as_deref(), Some("Bearer"));
        assert_eq!(no.json()["error"], "unauthorized");
        let bad = t
            .post(
                "/api/documents",
                "text/plain",
                body.clone(),
                Some("vigie_not-a-real-token"),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
        let corr = t
            .post(
                "/api/events/1/corrections",
                "application/json",
                r#"{"field":"fatalities","value":1,"analyst":"x"}"#,
                None,
            )
            .await;
        assert_eq!(corr.status, StatusCode::UNAUTHORIZED);
        let rerun = t
            .post("/api/documents/1/extract", "text/plain", "", None)
            .await;
        assert_eq!(rerun.status, StatusCode::UNAUTHORIZED);
        // Nothing was stored by the refused requests.
        assert_eq!(t.get("/api/documents").await.json()["total"], 0);

        let token = t.token().await;
        let ok = t
            .post(
                "/api/documents?source=Test",
                "text/plain",
                body,
                Some(&token),
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
        // A revoked token stops working.
        let id = t.store_call(|s| s.tokens().expect("tokens")[0].id).await;
        assert!(
            t.store_call(move |s| s.revoke_token(id).expect("revoke"))
                .await
        );
        let after = t
            .post(
                "/api/documents",
                "text/plain",
                fixture("hostile-markup.en.txt"),
                Some(&token),
            )
            .await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn reference_report_is_stored_filtered_and_shown_with_its_evidence() {
    let Some(report) = kidal_report() else { return };
    for t in backends("kidal", config()).await {
        let token = t.token().await;
        let res = submit(
            &t,
            &token,
            report.clone(),
            "published_at=2025-10-25&source=Reference&id=kidal",
        )
        .await;
        assert_eq!(res["duplicate"], false);
        assert_eq!(res["status"], "extracted", "{res}");
        let events = res["events"].as_array().expect("events");
        assert_eq!(
            events.len(),
            1,
            "{}: one event in the reference report: {res}",
            t.backend
        );
        let ev = &events[0];
        assert_eq!(ev["event_date"], "2025-10-24");
        assert_eq!(ev["sub_event_type"], "Air/drone strike");
        assert_eq!(ev["location"], "Kidal");
        let id = ev["id"].as_i64().expect("id");

        // Filters: bbox, text, type, dates, corroboration.
        let q = |s: &str| format!("/api/events?{s}");
        assert_eq!(
            event_ids(&t.get(&q(&format!("bbox={KIDAL_BBOX}"))).await.json()),
            vec![id]
        );
        assert!(event_ids(&t.get(&q(&format!("bbox={FAR_BBOX}"))).await.json()).is_empty());
        assert_eq!(event_ids(&t.get(&q("q=kidal")).await.json()), vec![id]);
        assert_eq!(
            event_ids(
                &t.get(&q("event_type=Explosions/Remote%20violence"))
                    .await
                    .json()
            ),
            vec![id]
        );
        assert!(event_ids(&t.get(&q("event_type=Protests")).await.json()).is_empty());
        assert_eq!(
            event_ids(&t.get(&q("from=2025-10-20&to=2025-10-26")).await.json()),
            vec![id]
        );
        assert!(event_ids(&t.get(&q("from=2025-10-25")).await.json()).is_empty());
        assert!(event_ids(&t.get(&q("min_corroboration=2")).await.json()).is_empty());
        assert_eq!(
            event_ids(&t.get(&q("country=ML&admin1=Kidal")).await.json()),
            vec![id]
        );

        // One event with its source, evidence and text.
        let d = t.get(&format!("/api/events/{id}")).await;
        assert_eq!(d.status, StatusCode::OK);
        assert_eq!(
            d.header("content-type").as_deref(),
            Some("application/json")
        );
        let d = d.json();
        let src = &d["sources"][0];
        assert_eq!(src["source"], "Reference");
        let text = &src["text"];
        assert!(text["text"]
            .as_str()
            .expect("text")
            .starts_with("La Journée du 24 octobre 2025"));
        // Every evidence span lands on the words it quotes.
        let place = &src["event"]["place"]["evidence"];
        assert!(
            !place.as_array().expect("place evidence").is_empty(),
            "location has evidence"
        );
        for field in ["event_date", "place", "sub_event_type", "actor1", "actor2"] {
            for e in src["event"][field]["evidence"]
                .as_array()
                .expect("evidence")
            {
                let (s, en) = (
                    e["span"]["start"].as_u64().expect("s") as usize,
                    e["span"]["end"].as_u64().expect("e") as usize,
                );
                assert_eq!(
                    shown(text, s, en),
                    e["text"].as_str().expect("quote"),
                    "{field}"
                );
                assert_eq!(
                    &report[s..en],
                    e["text"].as_str().expect("quote").as_bytes(),
                    "{field} indexes the original bytes"
                );
            }
        }
        assert_eq!(
            shown(
                text,
                place[0]["span"]["start"].as_u64().unwrap() as usize,
                place[0]["span"]["end"].as_u64().unwrap() as usize
            ),
            "Kidal"
        );
        assert_eq!(src["event"]["claim"]["modality"], "conditional");
        // The background stays background.
        assert!(
            d["mentions"].as_array().expect("mentions").len() >= 2,
            "siege and earlier clashes are mentions"
        );
        assert_eq!(d["merge_history"][0]["action"], "created");

        // The same bytes again: a no-op.
        let again = t
            .post("/api/documents", "text/plain", report.clone(), Some(&token))
            .await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.json()["duplicate"], true);
        assert_eq!(t.get("/api/documents").await.json()["total"], 1);
        assert_eq!(t.get("/api/events").await.json()["total"], 1);

        // Stats by week, type, region.
        let s = t.get("/api/stats").await.json();
        assert_eq!(s["events"], 1);
        assert_eq!(s["by_week"][0]["key"], "2025-10-20");
        assert_eq!(s["by_event_type"][0]["key"], "Explosions/Remote violence");
        assert!(s["by_region"][0]["key"]
            .as_str()
            .expect("region")
            .contains("Kidal"));

        // Mentions list, document view, raw bytes.
        let doc_id = res["document_id"].as_i64().expect("doc id");
        let m = t
            .get(&format!("/api/mentions?document_id={doc_id}"))
            .await
            .json();
        assert!(m["total"].as_u64().expect("total") >= 2);
        let doc = t.get(&format!("/api/documents/{doc_id}")).await.json();
        assert_eq!(doc["summary"]["external_id"], "kidal");
        assert!(doc["current"]["events"].is_array());
        let raw = t.get(&format!("/api/documents/{doc_id}/raw")).await;
        assert_eq!(raw.body, report);
        assert_eq!(
            raw.header("content-type").as_deref(),
            Some("application/octet-stream")
        );

        // Re-running extraction keeps one event.
        let rerun = t
            .post(
                &format!("/api/documents/{doc_id}/extract"),
                "text/plain",
                "",
                Some(&token),
            )
            .await;
        assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text());
        assert_eq!(rerun.json()["events"].as_array().expect("events").len(), 1);
    }
}

#[tokio::test]
async fn a_correction_is_a_new_version_that_keeps_the_extracted_value() {
    for t in backends("corr", config()).await {
        let token = t.token().await;
        let res = submit(
            &t,
            &token,
            fixture("menaka-clash.fr.txt"),
            "published_at=2025-03-04&source=Studio",
        )
        .await;
        let ev = &res["events"][0];
        let id = ev["id"].as_i64().expect("an event in the Ménaka fixture");
        let extracted = ev["fatalities"].as_u64().expect("fatalities");
        let body = serde_json::json!({"field": "fatalities", "value": extracted + 2, "analyst": "Awa", "reason": "hospital count"});
        let r = t
            .post(
                &format!("/api/events/{id}/corrections"),
                "application/json",
                body.to_string(),
                Some(&token),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let d = r.json();
        assert_eq!(d["summary"]["fatalities"].as_u64(), Some(extracted + 2));
        assert_eq!(d["corrections"][0]["analyst"], "Awa");
        assert_eq!(d["corrections"][0]["previous"].as_u64(), Some(extracted));
        assert!(d["corrections"][0]["created_at_ms"].as_i64().expect("when") > 0);
        // The report's own extraction is untouched.
        assert_eq!(
            d["sources"][0]["event"]["fatalities"]["value"].as_u64(),
            Some(extracted)
        );
        let list = t.get(&format!("/api/events/{id}/corrections")).await.json();
        assert_eq!(list.as_array().expect("list").len(), 1);

        let bad = t
            .post(
                &format!("/api/events/{id}/corrections"),
                "application/json",
                r#"{"field":"doc_id","value":1,"analyst":"x"}"#,
                Some(&token),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let anon = t
            .post(
                &format!("/api/events/{id}/corrections"),
                "application/json",
                r#"{"field":"notes","value":"x","analyst":" "}"#,
                Some(&token),
            )
            .await;
        assert_eq!(anon.status, StatusCode::BAD_REQUEST);
        let missing = t
            .post(
                "/api/events/987654/corrections",
                "application/json",
                r#"{"field":"notes","value":"x","analyst":"y"}"#,
                Some(&token),
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn bad_requests_get_clear_json_errors_and_lose_nothing() {
    let small = ServerConfig {
        max_body_bytes: 2048,
        ..ServerConfig::default()
    };
    for t in backends("bad", small).await {
        let token = t.token().await;
        let cases: Vec<(&str, StatusCode)> = vec![
            ("/api/events?limit=abc", StatusCode::BAD_REQUEST),
            ("/api/events?from=24/10/2025", StatusCode::BAD_REQUEST),
            (
                "/api/events?from=2025-10-30&to=2025-10-01",
                StatusCode::BAD_REQUEST,
            ),
            ("/api/events?bbox=1,2,3", StatusCode::BAD_REQUEST),
            ("/api/events?bbox=10,10,0,0", StatusCode::BAD_REQUEST),
            ("/api/events?sort=random", StatusCode::BAD_REQUEST),
            ("/api/events?unknown=1", StatusCode::BAD_REQUEST),
            ("/api/events/notanumber", StatusCode::BAD_REQUEST),
            ("/api/events/424242", StatusCode::NOT_FOUND),
            ("/api/documents/424242", StatusCode::NOT_FOUND),
            ("/api/no-such-route", StatusCode::NOT_FOUND),
        ];
        for (uri, want) in cases {
            let r = t.get(uri).await;
            assert_eq!(r.status, want, "{uri}: {}", r.text());
            let j = r.json();
            assert!(
                j["error"].is_string() && j["message"].is_string(),
                "{uri}: {j}"
            );
        }
        // Too large, wrong type, empty, malformed JSON.
        let big = t
            .post(
                "/api/documents",
                "text/plain",
                vec![b'a'; 4096],
                Some(&token),
            )
            .await;
        assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", big.text());
        let big_preview = t
            .post("/api/extract", "text/plain", vec![b'a'; 4096], None)
            .await;
        assert_eq!(big_preview.status, StatusCode::PAYLOAD_TOO_LARGE);
        let pdf = t
            .post(
                "/api/documents",
                "application/pdf",
                "%PDF-1.4",
                Some(&token),
            )
            .await;
        assert_eq!(pdf.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let empty = t
            .post("/api/documents", "text/plain", "  \n ", Some(&token))
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let broken = t
            .post(
                "/api/documents",
                "application/json",
                r#"{"text": "unterminated"#,
                Some(&token),
            )
            .await;
        assert_eq!(broken.status, StatusCode::BAD_REQUEST);
        let both = t
            .post(
                "/api/documents",
                "application/json",
                r#"{"text":"a","html":"<p>b</p>"}"#,
                Some(&token),
            )
            .await;
        assert_eq!(both.status, StatusCode::BAD_REQUEST);
        // Refusals are recorded with their reason; nothing was stored.
        let rej = t.get("/api/rejections").await.json();
        assert!(rej["total"].as_u64().expect("total") >= 3, "{rej}");
        assert_eq!(t.get("/api/documents").await.json()["total"], 0);
    }
}

#[tokio::test]
async fn pagination_is_capped_and_consistent() {
    for t in backends("page", config()).await {
        let token = t.token().await;
        for (name, date) in [
            ("menaka-clash.fr.txt", "2025-03-04"),
            ("hostile-markup.en.txt", "2025-05-13"),
        ] {
            submit(&t, &token, fixture(name), &format!("published_at={date}")).await;
        }
        let all = t.get("/api/events?limit=5000").await.json();
        assert_eq!(all["limit"], 1000, "limits above 1000 are capped");
        let total = all["total"].as_u64().expect("total");
        assert!(total >= 2, "{all}");
        let first = t.get("/api/events?limit=1&sort=date_asc").await.json();
        let second = t
            .get("/api/events?limit=1&offset=1&sort=date_asc")
            .await
            .json();
        assert_eq!(first["items"].as_array().expect("items").len(), 1);
        assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
        assert!(
            first["items"][0]["event_date"].as_str() <= second["items"][0]["event_date"].as_str()
        );
        assert_eq!(t.get("/api/events?limit=0").await.json()["limit"], 1);
    }
}

#[tokio::test]
async fn the_preview_extracts_without_storing() {
    for t in backends("preview", config()).await {
        let r = t
            .post(
                "/api/extract?published_at=2025-03-04",
                "text/plain; charset=utf-8",
                fixture("menaka-clash.fr.txt"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let p = r.json();
        assert!(
            !p["extraction"]["events"]
                .as_array()
                .expect("events")
                .is_empty(),
            "{p}"
        );
        assert!(p["text"]["text"].as_str().expect("text").contains("Ménaka"));
        // JSON records and HTML work too.
        let rec = serde_json::json!({"id": "x1", "published_at": "2025-03-04T10:00:00Z", "text": String::from_utf8(fixture("menaka-clash.fr.txt")).expect("utf8")});
        let j = t
            .post("/api/extract", "application/json", rec.to_string(), None)
            .await;
        assert_eq!(j.status, StatusCode::OK, "{}", j.text());
        assert_eq!(j.json()["extraction"]["published_at"], "2025-03-04");
        let html = format!(
            "<html><body><nav>Accueil</nav><article><p>{}</p></article></body></html>",
            String::from_utf8(fixture("menaka-clash.fr.txt")).expect("utf8")
        );
        let h = t
            .post(
                "/api/extract?published_at=2025-03-04",
                "text/html",
                html.clone(),
                None,
            )
            .await;
        assert_eq!(h.status, StatusCode::OK, "{}", h.text());
        let h = h.json();
        assert_eq!(h["text"]["kind"], "html");
        // Evidence spans index the HTML bytes; the anchors place them on the cleaned text.
        for e in h["extraction"]["events"][0]["place"]["evidence"]
            .as_array()
            .expect("evidence")
        {
            let (s, en) = (
                e["span"]["start"].as_u64().unwrap() as usize,
                e["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &html.as_bytes()[s..en],
                e["text"].as_str().unwrap().as_bytes()
            );
            assert_eq!(shown(&h["text"], s, en), e["text"].as_str().unwrap());
        }
        // Windows-1252 bytes: decoded, and offsets still land.
        let latin: Vec<u8> = String::from_utf8(fixture("menaka-clash.fr.txt"))
            .expect("utf8")
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        let l = t
            .post(
                "/api/extract?published_at=2025-03-04",
                "text/plain",
                latin.clone(),
                None,
            )
            .await
            .json();
        assert_eq!(l["extraction"]["decoding"]["encoding"], "windows-1252");
        for e in l["extraction"]["events"][0]["place"]["evidence"]
            .as_array()
            .expect("evidence")
        {
            let (s, en) = (
                e["span"]["start"].as_u64().unwrap() as usize,
                e["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(shown(&l["text"], s, en), e["text"].as_str().unwrap());
        }
        assert_eq!(
            t.get("/api/documents").await.json()["total"],
            0,
            "the preview stores nothing"
        );
    }
}

#[tokio::test]
async fn report_text_is_data_and_the_page_has_a_strict_policy() {
    for t in backends("xss", config()).await {
        let token = t.token().await;
        let res = submit(
            &t,
            &token,
            fixture("hostile-markup.en.txt"),
            "published_at=2025-05-13&source=%3Cb%3Ebold%3C%2Fb%3E",
        )
        .await;
        let doc = res["document_id"].as_i64().expect("doc");
        let d = t.get(&format!("/api/documents/{doc}")).await;
        assert_eq!(
            d.header("content-type").as_deref(),
            Some("application/json")
        );
        assert!(d.json()["text"]["text"]
            .as_str()
            .expect("text")
            .contains("<script>window.__vigieXss"));
        assert_eq!(d.json()["summary"]["source"], "<b>bold</b>");

        let page = t.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page
            .header("content-type")
            .expect("type")
            .starts_with("text/html"));
        let csp = page.header("content-security-policy").expect("CSP");
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("object-src 'none'"),
            "{csp}"
        );
        assert_eq!(
            page.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(page.header("x-frame-options").as_deref(), Some("DENY"));
        assert!(page.text().contains("id=\"app\""));
        let js = t.get("/assets/app.js").await;
        assert_eq!(js.status, StatusCode::OK);
        assert!(js
            .header("content-type")
            .expect("type")
            .contains("javascript"));
        let basemap = t.get("/basemap/countries.geojson").await;
        assert_eq!(basemap.status, StatusCode::OK);
        let etag = js.header("etag").expect("etag");
        let again = t
            .send(
                Request::get("/assets/app.js")
                    .header(header::IF_NONE_MATCH, etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert_eq!(
            t.get("/nothing-here.js").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn cors_is_off_unless_configured() {
    for t in backends("cors", config()).await {
        let req = Request::get("/api/events")
            .header(header::ORIGIN, "https://elsewhere.example")
            .body(Body::empty())
            .unwrap();
        let r = t.send(req).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header("access-control-allow-origin").is_none());
        let pre = Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/documents")
            .header(header::ORIGIN, "https://elsewhere.example")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .body(Body::empty())
            .unwrap();
        assert!(t
            .send(pre)
            .await
            .header("access-control-allow-origin")
            .is_none());
    }
    let open = ServerConfig {
        cors_origins: vec!["https://desk.example".into()],
        ..ServerConfig::default()
    };
    for t in backends("cors2", open).await {
        let req = Request::get("/api/events")
            .header(header::ORIGIN, "https://desk.example")
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            t.send(req)
                .await
                .header("access-control-allow-origin")
                .as_deref(),
            Some("https://desk.example")
        );
        let other = Request::get("/api/events")
            .header(header::ORIGIN, "https://elsewhere.example")
            .body(Body::empty())
            .unwrap();
        assert!(t
            .send(other)
            .await
            .header("access-control-allow-origin")
            .is_none());
    }
}

#[tokio::test]
async fn exports_come_in_every_format_with_the_filters() {
    for t in backends("export", config()).await {
        let token = t.token().await;
        submit(
            &t,
            &token,
            fixture("menaka-clash.fr.txt"),
            "published_at=2025-03-04&source=Studio",
        )
        .await;
        submit(
            &t,
            &token,
            fixture("kidal-strike-second-source.en.txt"),
            "published_at=2025-10-25&source=Wire",
        )
        .await;
        let total = t.get("/api/events").await.json()["total"]
            .as_u64()
            .expect("total");
        assert!(total >= 2, "two events stored");

        let csv = t.get("/api/export?format=acled-csv").await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.text());
        assert!(csv
            .header("content-type")
            .expect("type")
            .starts_with("text/csv"));
        assert!(csv
            .header("content-disposition")
            .expect("attachment")
            .contains("vigie-events.csv"));
        let mut rdr = csv::Reader::from_reader(csv.body.as_slice());
        let header = rdr.headers().expect("header").clone();
        assert_eq!(&header[0], "event_id_cnty");
        assert_eq!(&header[30], "timestamp");
        assert_eq!(rdr.records().count() as u64, total);

        let gj = t.get("/api/export?format=geojson").await;
        assert_eq!(gj.status, StatusCode::OK);
        let gj = gj.json();
        assert_eq!(gj["type"], "FeatureCollection");
        assert_eq!(
            gj["features"].as_array().expect("features").len() as u64,
            total
        );

        let pq = t.get("/api/export?format=parquet").await;
        assert_eq!(pq.status, StatusCode::OK);
        assert!(
            pq.body.starts_with(b"PAR1") && pq.body.ends_with(b"PAR1"),
            "a Parquet file"
        );

        let jl = t.get("/api/export?format=jsonl&event_type=Battles").await;
        assert_eq!(jl.status, StatusCode::OK);
        let lines: Vec<&str> = std::str::from_utf8(&jl.body)
            .expect("utf8")
            .lines()
            .collect();
        assert_eq!(lines.len(), 1, "the filter applies: one battle");
        let one: Value = serde_json::from_str(lines[0]).expect("json line");
        assert_eq!(one["event"]["event_type"], "Battles");

        assert_eq!(
            t.get("/api/export?format=xlsx").await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(t.get("/api/export").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            t.get("/api/export?format=jsonl&from=yesterday")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
    }
}
