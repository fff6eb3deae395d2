//! The app in a real browser: mount it into a fresh element, type into its fields by
//! their labels, let Yew render, and read what the page shows.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "the helpers are test code too: a panic is the failure report"
)]

use iam_policy_builder_web::{BuilderProps, FormInput, mount};
use iam_policy_core::input::Field;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, FocusEvent, FocusEventInit, HtmlElement, HtmlInputElement,
    HtmlTextAreaElement,
};

wasm_bindgen_test_configure!(run_in_browser);

struct Page {
    root: Element,
    _app: yew::AppHandle<iam_policy_builder_web::Builder>,
}

async fn open(initial: FormInput) -> Page {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = mount(
        root.clone(),
        BuilderProps {
            initial,
            ..BuilderProps::default()
        },
    );
    yew::scheduler::flush().await;
    Page { root, _app: app }
}

impl Page {
    /// The control whose `<label>` reads `label`, as a person finds it.
    fn labelled(&self, label: &str) -> Element {
        let labels = self.root.query_selector_all("label").unwrap();
        let id = (0..labels.length())
            .filter_map(|i| labels.item(i)?.dyn_into::<Element>().ok())
            .find(|l| l.text_content().unwrap_or_default().trim() == label)
            .and_then(|l| l.get_attribute("for"))
            .unwrap_or_else(|| panic!("no label “{label}”"));
        self.root
            .query_selector(&format!("#{id}"))
            .unwrap()
            .unwrap()
    }

    async fn type_into(&self, label: &str, text: &str) {
        let control = self.labelled(label);
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            input.set_value(text);
        } else {
            control
                .dyn_ref::<HtmlTextAreaElement>()
                .unwrap()
                .set_value(text);
        }
        let init = EventInit::new();
        init.set_bubbles(true);
        control
            .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    async fn leave(&self, label: &str) {
        let control = self.labelled(label);
        control
            .dispatch_event(
                &FocusEvent::new_with_focus_event_init_dict("blur", &FocusEventInit::new())
                    .unwrap(),
            )
            .unwrap();
        yew::scheduler::flush().await;
    }

    fn document_json(&self, id: &str) -> Option<Value> {
        let pre = self
            .root
            .query_selector(&format!("pre[data-document='{id}']"))
            .unwrap()?;
        Some(serde_json::from_str(&pre.text_content().unwrap()).expect("the page shows valid JSON"))
    }

    /// The text of the problems shown under the control labelled `label`.
    fn problems_under(&self, label: &str) -> String {
        let control = self.labelled(label);
        let list_id = control
            .get_attribute("aria-describedby")
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .to_owned();
        self.root
            .query_selector(&format!("#{list_id}"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    }
}

#[wasm_bindgen_test]
async fn typing_the_form_builds_the_execution_policy() {
    let page = open(FormInput::default()).await;
    page.type_into("AWS account ID", "1234-5678-9012").await;
    page.type_into("Region", "eu-west-1").await;
    page.type_into("Secret names", "matillion/agent\nprod/db")
        .await;
    let policy = page
        .document_json("execution-role-secrets-policy")
        .expect("shown once a secret is typed");
    assert_eq!(
        policy["Statement"][0]["Resource"],
        serde_json::json!([
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????"
        ])
    );
    let trust = page
        .document_json("task-role-trust-policy")
        .expect("always shown");
    assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
}

#[wasm_bindgen_test]
async fn an_error_appears_next_to_its_field_once_the_field_is_left() {
    let page = open(FormInput::default()).await;
    page.type_into("AWS account ID", "12345").await;
    assert_eq!(
        page.problems_under("AWS account ID"),
        "",
        "not while still typing"
    );
    page.leave("AWS account ID").await;
    assert!(
        page.problems_under("AWS account ID")
            .contains("must be 12 digits — got 5")
    );
    let input = page.labelled("AWS account ID");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.dyn_ref::<HtmlInputElement>().unwrap().value(),
        "12345",
        "what was typed stays"
    );
}

#[wasm_bindgen_test]
async fn a_suggested_region_is_one_click_away() {
    let (initial, _) = FormInput::starting_with([
        (Field::Account, "123456789012"),
        (Field::Region, "eu-wset-1"),
        (Field::Secrets, "a"),
    ]);
    let page = open(initial).await;
    assert!(
        page.problems_under("Region")
            .contains("did you mean eu-west-1")
    );
    let fix: HtmlElement = page
        .root
        .query_selector("button.ipb__button--small")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(fix.text_content().unwrap(), "Use eu-west-1");
    fix.click();
    yew::scheduler::flush().await;
    assert_eq!(
        page.labelled("Region")
            .dyn_ref::<HtmlInputElement>()
            .unwrap()
            .value(),
        "eu-west-1"
    );
    assert_eq!(page.problems_under("Region"), "");
}

#[wasm_bindgen_test]
async fn two_builders_on_one_page_keep_their_own_state() {
    let first = open(FormInput::default()).await;
    let second = open(FormInput::default()).await;
    first.type_into("Secret names", "only/in-the-first").await;
    assert!(
        first
            .document_json("execution-role-secrets-policy")
            .is_some()
    );
    assert!(
        second
            .document_json("execution-role-secrets-policy")
            .is_none()
    );
    assert_ne!(
        first.labelled("Region").id(),
        second.labelled("Region").id()
    );
}
