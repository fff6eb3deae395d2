//! The problems of one field or document, with one-click fixes where the core offers one.

use super::soft_breaks::soft_breaks;
use iam_policy_core::{FieldValue, Problem, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    /// The list's id, which the field's control names in `aria-describedby`.
    pub id: AttrValue,
    pub problems: Vec<Problem>,
    /// Called with a suggested value when its "Use …" button is pressed.
    #[prop_or_default]
    pub on_fix: Callback<String>,
    /// Called with a fix that sets several fields (a scope and its prefix).
    #[prop_or_default]
    pub on_fix_fields: Callback<Vec<FieldValue>>,
}

/// A pasted list can have a thousand bad lines; past this many, a count stands for the rest
/// so the page stays quick and readable.
const MOST_SHOWN: usize = 20;

/// Always rendered, empty or not, so screen readers already watch the live region when
/// the first problem arrives.
#[component]
pub fn ProblemList(props: &ProblemListProps) -> Html {
    html! {
        <div id={props.id.clone()} class="ipb__problems" aria-live="polite">
            if !props.problems.is_empty() {
                <ul class="ipb__problem-list">
                    { for props.problems.iter().take(MOST_SHOWN).map(|problem| problem_item(problem, props)) }
                    if props.problems.len() > MOST_SHOWN {
                        <li class="ipb__problem">
                            {format!("…and {} more like these.", iam_policy_core::text::thousands(props.problems.len() - MOST_SHOWN))}
                        </li>
                    }
                </ul>
            }
        </div>
    }
}

fn problem_item(problem: &Problem, props: &ProblemListProps) -> Html {
    let (class, label) = match problem.severity {
        Severity::Error => ("ipb__problem ipb__problem--error", "Error: "),
        Severity::Warning => ("ipb__problem ipb__problem--warning", "Warning: "),
        Severity::Info => ("ipb__problem ipb__problem--info", "Note: "),
    };
    let suggestion = problem.suggestion.clone().map(|value| {
        let on_fix = props.on_fix.clone();
        let label = format!("Use {value}");
        html! {
            <button type="button" class="ipb__button ipb__button--small"
                onclick={move |_| on_fix.emit(value.clone())}>{label}</button>
        }
    });
    let fix = problem.fix.clone().map(|fix| {
        let on_fix = props.on_fix_fields.clone();
        html! {
            <button type="button" class="ipb__button ipb__button--small ipb__button--fix"
                onclick={move |_| on_fix.emit(fix.set.clone())}>{soft_breaks(&fix.label)}</button>
        }
    });
    html! {
        <li {class}>
            <span class="ipb__severity">{label}</span>
            // In the item itself, not an inline wrapper (see soft_breaks).
            {soft_breaks(&problem.message)}
            {for suggestion}
            {for fix}
        </li>
    }
}
