//! The region field's suggestions: a `<datalist>` of every region.

use iam_policy_core::aws::region::REGIONS;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegionListProps {
    pub id: AttrValue,
}

/// Its own component, so the builder's re-render on every keystroke compares one id
/// instead of 45 `<option>`s (as the region field's children it was compared each time).
#[component]
pub fn RegionList(props: &RegionListProps) -> Html {
    html! {
        <datalist id={props.id.clone()}>
            { for REGIONS.iter().map(|r| html! { <option value={r.code}>{r.name}</option> }) }
        </datalist>
    }
}
