//! One generated document: its role, console steps, size meter, the JSON, Copy and Download.

use super::access_table::AccessTable;
use super::change_list::ChangeList;
use super::copy_actions::CopyActions;
use super::problem_list::ProblemList;
use super::soft_breaks::{json_breaks, soft_breaks};
use iam_policy_core::model::Policy;
use iam_policy_core::read::existing::diff::{Line, marked_lines};
use iam_policy_core::view::DocumentCard as ShownCard;
use iam_policy_core::view::{HeadingLevel, LandmarkNames};
use iam_policy_core::{Document, DocumentId, FieldValue, Response};
use std::rc::Rc;
use yew::prelude::*;

/// One document of a response, compared by that document's content alone. The builder hands
/// each card the shared response rather than a copy of its document (at 1,000 secrets a
/// copy per card per keystroke), and a card whose document did not change is left alone.
#[derive(Clone)]
pub struct DocumentOf {
    pub response: Rc<Response>,
    pub id: DocumentId,
}

impl DocumentOf {
    /// `None` when the request does not allow building it yet.
    fn get(&self) -> Option<&Document> {
        self.response.document(self.id)
    }
}

impl PartialEq for DocumentOf {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && (Rc::ptr_eq(&self.response, &other.response) || self.get() == other.get())
    }
}

#[derive(Properties, PartialEq)]
pub struct DocumentCardProps {
    /// Prefix for element ids, unique per builder on the page.
    pub id_prefix: AttrValue,
    pub document: DocumentOf,
    /// What the card shows, as the core decided: its problems (size, shape, and what it
    /// grants beyond named secrets, shown whatever controls the host shows), download
    /// name, console link, why it is empty.
    pub card: ShownCard,
    /// The builder's title level; the card's heading is one below.
    pub heading_level: HeadingLevel,
    /// Names its JSON block apart from another builder's.
    pub names: LandmarkNames,
    /// Text for the builder's status region ("Copied …").
    pub on_announce: Callback<String>,
    /// Takes a problem's fix that sets several fields.
    pub on_fix_fields: Callback<Vec<FieldValue>>,
    /// The policy pasted for this document (the role's own), when there is one: the lines
    /// the builder added are marked against it.
    #[prop_or_default]
    pub pasted: AttrValue,
    /// The role's controls (new or existing, its name, the pasted policy).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn DocumentCard(props: &DocumentCardProps) -> Html {
    let document_id = props.document.id;
    let id = format!("{}-{}", props.id_prefix, document_id.as_str());
    let title_id = format!("{id}-title");
    let title = document_id.title();
    // Shared, not copied, by the <pre> and the copy buttons.
    let json = use_memo(props.document.clone(), |document| {
        document
            .get()
            .and_then(|d| serde_json::to_string_pretty(&d.policy).ok())
            .map(AttrValue::from)
    });
    // The lines to mark, for a document made from the pasted policy.
    let lines = use_memo(
        (props.document.clone(), props.pasted.clone()),
        |(document, pasted)| match document.get().map(|d| &d.policy) {
            Some(Policy::Existing(json)) if !pasted.is_empty() => {
                marked_lines(pasted, json).filter(|lines| lines.iter().any(|line| line.added))
            }
            _ => None,
        },
    );
    let json_ref = use_node_ref();

    let Some(document) = props.document.get() else {
        return html! {
            <article class="ipb__card" aria-labelledby={title_id.clone()}>
                <@{props.heading_level.card_tag()} class="ipb__card-title" id={title_id} tabindex="-1">{title}</@>
                {props.children.clone()}
                <p class="ipb__empty">{props.card.empty.unwrap_or_default()}</p>
            </article>
        };
    };
    let text = (*json).clone().unwrap_or_default();
    let size_id = format!("{id}-size");
    let size = document.size;
    let over = size.characters > size.limit;
    // What the card says when it is not ready is the core's: why, and whether
    // placeholders or an unusable paste are the reason.
    let not_ready = props
        .document
        .response
        .not_ready_note(document_id)
        .map(AttrValue::from);

    html! {
        <article class="ipb__card" aria-labelledby={title_id.clone()}>
            // Focusable from script only: the diagnosis's "Go to the fix" moves here.
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={title_id} tabindex="-1">{title}</@>
            <p class="ipb__role">{soft_breaks(document.role)}</p>
            {props.children.clone()}
            <ol class="ipb__steps">
                { for document.placement.steps.iter().map(|step| html! { <li>{soft_breaks(step)}</li> }) }
            </ol>
            if let (Some(url), Some(words)) = (&document.placement.console_url, &props.card.console_link) {
                <p class="ipb__console-link">
                    <a href={url.clone()} target="_blank" rel="noopener noreferrer">
                        {soft_breaks(words)}
                        <span class="ipb__visually-hidden">{" (opens in a new tab)"}</span>
                    </a>
                </p>
            }
            if let Some(note) = &not_ready {
                <p class="ipb__incomplete">{note.clone()}</p>
            }
            if let Some(changes) = &document.changes {
                <ChangeList changes={changes.clone()} heading_level={props.heading_level} />
            }
            if props.card.access {
                <AccessTable id={format!("{id}-access")} access={props.document.response.access.clone()}
                    heading_level={props.heading_level} names={props.names} />
            }
            <ProblemList id={format!("{id}-problems")} problems={props.card.problems.clone()}
                on_fix_fields={props.on_fix_fields.clone()} />
            <div class="ipb__toolbar">
                <span class={if over { "ipb__size ipb__size--over" } else { "ipb__size" }}>
                    // low/high turn the meter amber at 80 % and red at 95 % of the limit.
                    <meter class="ipb__meter" min="0" max={size.limit.to_string()} value={size.characters.to_string()}
                        low={(size.limit * 4 / 5).to_string()} high={(size.limit * 19 / 20).to_string()} optimum="0"
                        aria-labelledby={size_id.clone()} />
                    <span id={size_id}>{size_text(document)}</span>
                </span>
                <CopyActions text={text.clone()} file_name={props.card.download_name.clone()}
                    what={format!("the {}", title.to_ascii_lowercase())} shown_in={json_ref.clone()}
                    not_ready={(!document.complete).then(|| props.document.response.not_ready()).flatten().map(AttrValue::from)}
                    placeholders={document.has_placeholders()}
                    on_announce={props.on_announce.clone()} />
            </div>
            // Focusable so keyboard users can scroll it; a region, because ARIA allows no
            // name on a plain <pre>. Its long lines wrap between an ARN's parts (the <wbr>s
            // of json_breaks) when IAM would take it: one over IAM's size limit, which a
            // thousand secrets make, is one text node, and costs a keystroke nothing more;
            // it wraps at spaces and hyphens and scrolls past them, until the size is fixed.
            if lines.is_some() {
                <p class="ipb__hint" id={format!("{id}-marks")}>
                    {"Lines the builder added or changed are marked "}<ins class="ipb__added">{"like this"}</ins>{"; everything else is as you pasted it."}
                </p>
            }
            <pre class="ipb__json" tabindex="0" role="region" aria-label={props.names.name(&format!("{title} JSON"))} ref={json_ref}
                aria-describedby={lines.is_some().then(|| format!("{id}-marks"))}
                data-document={document.id.as_str()}><code>{
                    match &*lines {
                        Some(lines) => marked(lines, !over),
                        None if over => html! { {text} },
                        None => json_breaks(&text),
                    }
                }</code></pre>
        </article>
    }
}

/// The document's lines, each text or, when the builder added it, an `<ins>`, with their
/// break points (`breaks`): the text is the JSON exactly, so what a reader selects is what
/// Copy copies.
fn marked(lines: &[Line], breaks: bool) -> Html {
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text = if i == last {
                line.text.clone()
            } else {
                format!("{}\n", line.text)
            };
            let text = if breaks {
                json_breaks(&text)
            } else {
                html! { {text} }
            };
            if line.added {
                html! { <ins class="ipb__added">{text}</ins> }
            } else {
                text
            }
        })
        .collect()
}

fn size_text(document: &Document) -> String {
    format!(
        "{} of {} characters IAM allows",
        iam_policy_core::text::thousands(document.size.characters),
        iam_policy_core::text::thousands(document.size.limit)
    )
}
