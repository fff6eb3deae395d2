//! What a docs author sets on a widget: starting values for the form (the request's own
//! field names) and how much of the builder to show. `data-*` attributes and the options
//! of the JS API's `mount()` both arrive here as name/value text, so both are read — and
//! checked — by this one function. A page that opts in (`data-from-url`, the iframe embed
//! page) also takes settings from its own address; those may fill the form and choose the
//! look, never hide a part of the builder or load a file, because anyone can write a link.

use iam_policy_core::input::fields::{self, FIELDS, parse_switch};
use iam_policy_core::model::shape::{Member, Shape};
use iam_policy_core::view::FormInput;
use iam_policy_core::view::{Control, EXPORT_FORMATS, HeadingLevel, Surroundings, Theme, View};
use iam_policy_core::{DocumentId, Field};

/// A widget's starting form and view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetSettings {
    pub initial: FormInput,
    pub view: View,
    /// The builder's stylesheet, for the widget's shadow root.
    pub stylesheet: Option<String>,
}

/// Declares every setting of the view once — the form's settings are the core's fields,
/// by their request names; these are the rest — each with its option name (the
/// attribute is the same in kebab case, `headingLevel` ↔ `data-heading-level`, which is
/// how `dataset` hands it over), whether the page's address may set it, and its option in
/// the npm package's declaration of `mount()`'s options (a list may also be one text,
/// entries a space or a comma apart, as its attribute is). The enum, `ALL` (in the order
/// the warning lists them, after the form's fields) and each accessor come from the one
/// table; reading matches on the enum, so the compiler holds each name to the code that
/// applies it.
///
/// Anyone can write a link, so the address may fill in the form (what a reader could
/// type anyway) and choose how the builder looks, but never hide a part of it or make it
/// load something: a hidden control or card could hide what a document grants.
macro_rules! settings {
    ($($variant:ident = $name:literal, address: $address:literal, $shape:expr, $doc:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Setting {
            $($variant,)*
        }

        impl Setting {
            const ALL: [Setting; [$($name),*].len()] = [$(Setting::$variant),*];

            /// The option name, as `mount()` takes it.
            fn name(self) -> &'static str {
                match self {
                    $(Setting::$variant => $name,)*
                }
            }

            /// Whether the page's address may set it.
            fn may_come_from_an_address(self) -> bool {
                match self {
                    $(Setting::$variant => $address,)*
                }
            }

            /// Its option in the npm package's declaration of `mount()`'s options.
            fn declared(self) -> Member {
                let (shape, doc) = match self {
                    $(Setting::$variant => ($shape, $doc),)*
                };
                Member::new(self.name(), shape, doc).optional()
            }
        }
    };
}

settings! {
    Documents = "documents", address: false,
        Shape::AnyOf(&[Shape::List(&Shape::Named("DocumentId")), Shape::String]),
        "Which document cards to show, in order; \"none\" for none. Default all.";
    Options = "options", address: false,
        Shape::AnyOf(&[Shape::List(&Shape::Named("Control")), Shape::String]),
        "Which controls to offer; \"none\" for none. Default all.";
    Exports = "exports", address: false,
        Shape::AnyOf(&[Shape::List(&Shape::Named("ExportTab")), Shape::String]),
        "Which export tabs to offer; \"none\" hides the exports card. Default all.";
    Theme = "theme", address: true,
        Shape::Named("Theme"),
        "\"auto\" (default) follows the host page's theme variables, then the reader's preference.";
    Compact = "compact", address: true,
        Shape::Boolean,
        "Less padding and no introduction.";
    HeadingLevel = "headingLevel", address: true,
        Shape::Named("HeadingLevel"),
        "The builder's title level; the cards' headings are one below. Default 2.";
    Stylesheet = "stylesheet", address: false,
        Shape::String,
        "The URL of iam-policy-builder.css. Default: the page's own link to it.";
    FromUrl = "fromUrl", address: false,
        Shape::True,
        "For a page that holds nothing but the builder (the iframe page): it also takes the form and its look from the page's address, and promises that nothing typed leaves it.";
}

impl Setting {
    fn named(name: &str) -> Option<Setting> {
        Setting::ALL
            .into_iter()
            .find(|setting| setting.name() == name)
    }
}

/// `mount()`'s options beyond the form's fields, as the npm package declares them: one
/// for each setting, in the order of [`Setting::ALL`].
pub fn declared() -> Vec<Member> {
    Setting::ALL.map(Setting::declared).to_vec()
}

/// Whether the element asks for settings from the page's address too (`data-from-url`).
pub fn wants_address<'a>(mut element: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    element.any(|(name, _)| name == Setting::FromUrl.name())
}

/// Reads a widget's settings: the element's (its attributes or `mount()`'s options), then
/// those of the page's address (its query string's name/value pairs, names in either
/// spelling, `secret-scope` or `secretScope`), which win but may not hide or load anything.
/// Anything unusable is left at its default and explained in a warning that names the
/// attribute (and the option) and what it accepts; values for the form itself are never
/// judged here — the builder shows their problems beside the fields, as for anything a
/// reader types.
pub fn read<'a>(
    element: impl IntoIterator<Item = (&'a str, &'a str)>,
    address: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (WidgetSettings, Vec<String>) {
    let mut reader = Reader::default();
    for (name, value) in element {
        reader.apply(name, value);
    }
    for (name, value) in address {
        let name = camel_case(name);
        match Setting::named(&name) {
            Some(setting) if !setting.may_come_from_an_address() => {
                reader.warnings.push(format!(
                    "iam-policy-builder: {} in the page's address was ignored: anyone can write a link, so the address may fill in the form and set the theme, compact and heading level, but not hide parts of the builder or load files. Set it on the element instead.",
                    attribute(&name)
                ));
            }
            _ => reader.apply(&name, value),
        }
    }
    let Reader {
        mut texts,
        view,
        stylesheet,
        warnings,
    } = reader;
    // What the view implies (a card asked for is a policy wanted), unless set outright.
    for field in view.switches_turned_on() {
        if !texts.iter().any(|(given, _)| *given == field) {
            texts.push((field, true.to_string()));
        }
    }
    // Every text was checked as it was read, so nothing is refused here.
    let (initial, _) =
        FormInput::starting_with(texts.iter().map(|(field, text)| (*field, text.as_str())));
    (
        WidgetSettings {
            initial,
            view,
            stylesheet,
        },
        warnings,
    )
}

struct Reader {
    /// The form's fields as given, each checked; a later one wins.
    texts: Vec<(Field, String)>,
    view: View,
    stylesheet: Option<String>,
    warnings: Vec<String>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            texts: Vec::new(),
            view: View {
                heading_level: HeadingLevel::WIDGET,
                surroundings: Surroundings::HostPage,
                ..View::default()
            },
            stylesheet: None,
            warnings: Vec::new(),
        }
    }
}

impl Reader {
    fn apply(&mut self, name: &str, value: &str) {
        if let Some(def) = fields::named(name) {
            if def.accepts(value) {
                self.texts.push((def.field, value.to_owned()));
            } else {
                let kept = self
                    .texts
                    .iter()
                    .rev()
                    .find(|(field, _)| *field == def.field)
                    .map_or_else(|| def.default_text(), |(_, text)| text.clone());
                self.warn(name, value, def.takes(), &kept);
            }
            return;
        }
        let Some(setting) = Setting::named(name) else {
            let names: Vec<String> = FIELDS
                .iter()
                .map(fields::FieldDef::attribute)
                .chain(Setting::ALL.iter().map(|s| attribute_name(s.name())))
                .collect();
            self.warnings.push(format!(
                "iam-policy-builder: {} is not a setting of the builder; it takes {}.",
                attribute(name),
                names.join(", ")
            ));
            return;
        };
        match setting {
            Setting::Compact => {
                if let Some(on) = self.switch(name, value, self.view.compact) {
                    self.view.compact = on;
                }
            }
            Setting::Documents => {
                if let Some(documents) =
                    self.list(name, value, DocumentId::ALL, |d| d.as_str().to_owned())
                {
                    self.view.documents = documents;
                }
            }
            Setting::Options => {
                if let Some(controls) = self.list(name, value, &Control::ALL, |c| c.id()) {
                    self.view.controls = controls;
                }
            }
            Setting::Exports => {
                if let Some(formats) = self.list(name, value, EXPORT_FORMATS, |f| f.id().to_owned())
                {
                    self.view.exports = formats;
                }
            }
            Setting::Theme => {
                if let Some(theme) = self.one_of(name, value, &Theme::ALL, |t| t.id()) {
                    self.view.theme = theme;
                }
            }
            Setting::HeadingLevel => match value.trim().parse().ok().and_then(HeadingLevel::new) {
                Some(level) => self.view.heading_level = level,
                None => self.warn(name, value, "a heading level from 1 to 5", "2"),
            },
            Setting::Stylesheet => self.stylesheet = Some(value.trim().to_owned()),
            // Only the iframe embed page, which holds nothing but the builder, takes its
            // settings from its address; the host reads that before handing them over.
            Setting::FromUrl => self.view.surroundings = Surroundings::OwnPage,
        }
    }

    /// `true` for a bare attribute (`data-compact`), `true` or `false` otherwise.
    /// `kept` is the switch's value so far (its default), which a value that is neither
    /// leaves as it is.
    fn switch(&mut self, name: &str, value: &str, kept: bool) -> Option<bool> {
        match parse_switch(value) {
            Some(on) => Some(on),
            None => {
                self.warn(
                    name,
                    value,
                    "true or false",
                    if kept { "true" } else { "false" },
                );
                None
            }
        }
    }

    fn one_of<T: Copy>(
        &mut self,
        name: &str,
        value: &str,
        choices: &[T],
        id: impl Fn(&T) -> &'static str,
    ) -> Option<T> {
        let wanted = value.trim().to_ascii_lowercase();
        let found = choices.iter().find(|choice| id(choice) == wanted).copied();
        if found.is_none() {
            let names: Vec<&str> = choices.iter().map(&id).collect();
            self.warn(name, value, &either(&names), names[0]);
        }
        found
    }

    /// A list separated by spaces or commas, or `none`. Unknown entries are skipped (with
    /// a warning) and the rest kept, in the order given.
    fn list<T: Copy + PartialEq>(
        &mut self,
        name: &str,
        value: &str,
        choices: &[T],
        id: impl Fn(T) -> String,
    ) -> Option<Vec<T>> {
        if value.trim().eq_ignore_ascii_case("none") {
            return Some(Vec::new());
        }
        let mut chosen = Vec::new();
        let mut unknown = Vec::new();
        for entry in value
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|entry| !entry.is_empty())
        {
            let wanted = entry.to_ascii_lowercase();
            match choices.iter().copied().find(|&choice| id(choice) == wanted) {
                Some(choice) if !chosen.contains(&choice) => chosen.push(choice),
                Some(_) => {}
                None => unknown.push(entry),
            }
        }
        let names: Vec<String> = choices.iter().map(|&choice| id(choice)).collect();
        if !unknown.is_empty() {
            self.warnings.push(format!(
                "iam-policy-builder: {} lists {}, which it does not know; it takes {}, separated by spaces, or none.",
                attribute(name),
                unknown.iter().map(|entry| quote(entry)).collect::<Vec<_>>().join(", "),
                names.join(", ")
            ));
        }
        if chosen.is_empty() && unknown.is_empty() {
            self.warnings.push(format!(
                "iam-policy-builder: {} is empty; write none to show none, or leave it out to show them all ({}).",
                attribute(name),
                names.join(", ")
            ));
        }
        (!chosen.is_empty()).then_some(chosen)
    }

    fn warn(&mut self, name: &str, value: &str, accepted: &str, default: &str) {
        self.warnings.push(format!(
            "iam-policy-builder: {}={} is not {accepted}; using {default}.",
            attribute(name),
            quote(value)
        ));
    }
}

/// `headingLevel` → `data-heading-level (headingLevel)`: both the attribute a docs author
/// writes and the option a script passes.
pub(crate) fn attribute(name: &str) -> String {
    format!("{} ({name})", attribute_name(name))
}

/// The attribute for a name; an unknown name is cut to 60 characters, so a pasted novel
/// cannot flood the console.
fn attribute_name(name: &str) -> String {
    let cut = name
        .char_indices()
        .nth(60)
        .map_or(name, |(at, _)| &name[..at]);
    fields::attribute_of(cut)
}

/// The setting an element's attribute gives, named as `dataset` (and `mount()`) names
/// it: `data-heading-level` → `headingLevel`; `None` for an attribute that is no
/// `data-*` one. How the build-time pre-render reads the iframe page's element as the
/// live widget will.
pub fn dataset_name(attribute: &str) -> Option<String> {
    attribute.strip_prefix("data-").map(camel_case)
}

/// `secret-scope` → `secretScope`; a name already in camel case stays as it is.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '-' => upper = true,
            _ if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            _ => out.push(c),
        }
    }
    out
}

/// A value inside a warning, shortened so a pasted novel cannot flood the console.
fn quote(value: &str) -> String {
    let mut shown: String = value.chars().take(40).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// `["a", "b", "c"]` → `a, b or c`.
fn either(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_policy_core::{Format, SecretScope};

    fn read_pairs(pairs: &[(&str, &str)]) -> (WidgetSettings, Vec<String>) {
        read(pairs.iter().copied(), [])
    }

    #[test]
    fn every_attribute_reads_back_as_the_name_it_is_written_from() {
        let names = FIELDS
            .iter()
            .map(|def| def.name)
            .chain(Setting::ALL.map(Setting::name));
        for name in names {
            let attribute = fields::attribute_of(name);
            assert_eq!(
                dataset_name(&attribute).as_deref(),
                Some(name),
                "{attribute}"
            );
        }
        assert_eq!(dataset_name("class"), None);
    }

    #[test]
    fn no_settings_give_the_whole_builder_with_widget_headings() {
        let (settings, warnings) = read_pairs(&[]);
        assert!(warnings.is_empty());
        assert_eq!(settings.initial, FormInput::default());
        assert_eq!(
            settings.view,
            View {
                heading_level: HeadingLevel::WIDGET,
                surroundings: Surroundings::HostPage,
                ..View::default()
            }
        );
    }

    #[test]
    fn form_values_start_the_form_as_given_even_when_invalid() {
        let (settings, warnings) = read_pairs(&[
            ("account", "1234-5678-901"),
            ("region", "eu-west-1"),
            ("secrets", "matillion/agent\nprod/db"),
            ("secretScope", "Prefix"),
            ("secretPrefix", "prod/"),
            ("ec2Principal", "false"),
            ("sourceConditions", ""),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let form = settings.initial;
        assert_eq!(form.text(Field::Account), "1234-5678-901");
        assert_eq!(form.text(Field::Secrets), "matillion/agent\nprod/db");
        assert_eq!(form.scope(), SecretScope::Prefix);
        assert!(!form.switch(Field::Ec2Principal));
        assert!(form.switch(Field::SourceConditions));
    }

    #[test]
    fn lists_trim_the_view_in_the_order_given() {
        let (settings, warnings) = read_pairs(&[
            (
                "documents",
                "execution-role-secrets-policy, task-role-trust-policy",
            ),
            ("options", "kms-keys parameters"),
            ("exports", "terraform cdk"),
            ("theme", "DARK"),
            ("compact", "true"),
            ("headingLevel", "3"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let view = settings.view;
        assert_eq!(
            view.documents,
            [
                DocumentId::ExecutionRoleSecretsPolicy,
                DocumentId::TaskRoleTrustPolicy
            ]
        );
        assert_eq!(view.controls, [Control::KmsKeys, Control::Parameters]);
        assert_eq!(view.exports, [Format::Terraform, Format::Cdk]);
        assert_eq!(view.theme, Theme::Dark);
        assert!(view.compact);
        assert_eq!(view.heading_level.title_tag(), "h3");
    }

    /// A docs page about EKS sets the platform and offers only the controls it explains:
    /// the platform choice is gone, the builder is EKS's from its title on.
    #[test]
    fn a_page_about_eks_sets_the_platform_and_hides_the_choice() {
        use iam_policy_core::build;
        use iam_policy_core::view::Screen;
        let (settings, warnings) = read_pairs(&[
            ("platform", " EKS "),
            ("eksCredentials", "pod-identity"),
            ("options", "eks-credentials eks-error secret-scope"),
            (
                "documents",
                "runner-role-trust-policy runner-role-permissions-policy",
            ),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            settings.view.controls,
            [
                Control::EksCredentials,
                Control::EksError,
                Control::SecretScope
            ]
        );
        let input = settings.initial;
        let screen = Screen::of(&input, &build(input.request()), &settings.view);
        assert_eq!(screen.platform_choice, None);
        assert_eq!(
            screen.header.title,
            "IAM policies for the Matillion agent on Amazon EKS"
        );
        assert_eq!(
            screen
                .cluster
                .and_then(|cluster| cluster.credentials)
                .map(|choice| choice.chosen),
            Some("pod-identity")
        );
        assert_eq!(
            screen.error_box.map(|pasted| pasted.field),
            Some(Field::EksError)
        );
    }

    #[test]
    fn none_hides_a_whole_group() {
        let (settings, warnings) = read_pairs(&[("options", "none"), ("exports", " None ")]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(settings.view.controls.is_empty());
        assert!(settings.view.exports.is_empty());
    }

    #[test]
    fn showing_only_the_permissions_policy_turns_it_on() {
        let (settings, _) = read_pairs(&[("documents", "task-role-permissions-policy")]);
        assert!(settings.initial.request().task_role_policy);
        let (settings, _) = read_pairs(&[
            ("taskRolePolicy", "false"),
            ("documents", "task-role-permissions-policy"),
        ]);
        assert!(!settings.initial.request().task_role_policy);
    }

    #[test]
    fn bad_values_keep_the_default_and_say_what_would_work() {
        let (settings, warnings) = read_pairs(&[
            ("theme", "purple"),
            ("headingLevel", "7"),
            ("compact", "yes"),
            ("secretScope", "everything"),
        ]);
        assert_eq!(settings.view.theme, Theme::Auto);
        assert_eq!(settings.view.heading_level, HeadingLevel::WIDGET);
        assert!(!settings.view.compact);
        assert_eq!(settings.initial.request().secret_scope, SecretScope::Listed);
        assert_eq!(
            warnings,
            [
                "iam-policy-builder: data-theme (theme)=\"purple\" is not auto, light or dark; using auto.",
                "iam-policy-builder: data-heading-level (headingLevel)=\"7\" is not a heading level from 1 to 5; using 2.",
                "iam-policy-builder: data-compact (compact)=\"yes\" is not true or false; using false.",
                "iam-policy-builder: data-secret-scope (secretScope)=\"everything\" is not listed, prefix, region or all; using listed.",
            ]
        );
    }

    #[test]
    fn a_bad_switch_keeps_and_names_its_own_default() {
        let (settings, warnings) =
            read_pairs(&[("ec2Principal", "maybe"), ("sourceConditions", "maybe")]);
        assert!(settings.initial.request().ec2_principal);
        assert!(!settings.initial.request().source_conditions);
        assert_eq!(
            warnings,
            [
                "iam-policy-builder: data-ec2-principal (ec2Principal)=\"maybe\" is not true or false; using true.",
                "iam-policy-builder: data-source-conditions (sourceConditions)=\"maybe\" is not true or false; using false.",
            ]
        );
    }

    #[test]
    fn unknown_list_entries_are_named_and_the_known_ones_kept() {
        let (settings, warnings) =
            read_pairs(&[("documents", "trust-policy task-role-trust-policy")]);
        assert_eq!(settings.view.documents, [DocumentId::TaskRoleTrustPolicy]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with(
                "iam-policy-builder: data-documents (documents) lists \"trust-policy\", which it does not know; it takes task-role-trust-policy, "
            ),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn an_empty_list_keeps_everything_and_explains_none() {
        let (settings, warnings) = read_pairs(&[("exports", " , ")]);
        assert_eq!(settings.view.exports, EXPORT_FORMATS);
        assert!(
            warnings[0].contains("write none to show none"),
            "{warnings:?}"
        );
    }

    #[test]
    fn unknown_settings_list_every_known_one() {
        let (_, warnings) = read_pairs(&[("colour", "red")]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with(
                "iam-policy-builder: data-colour (colour) is not a setting of the builder; it takes data-platform, data-eks-error, data-ecs-error, data-account, data-region,"
            ),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].ends_with("data-heading-level, data-stylesheet, data-from-url."));
    }

    /// The "not a setting" warning lists Setting::ALL; each must be a name the reader takes.
    #[test]
    fn every_listed_name_is_a_setting() {
        for name in Setting::ALL.map(Setting::name) {
            let (_, warnings) = read_pairs(&[(name, "")]);
            assert!(
                warnings.iter().all(|w| !w.contains("is not a setting")),
                "{name}: {warnings:?}"
            );
        }
    }

    #[test]
    fn long_values_are_shortened_in_warnings() {
        let long = "x".repeat(10_000);
        let (_, warnings) = read_pairs(&[("theme", long.as_str())]);
        assert!(warnings[0].len() < 200, "{}", warnings[0]);
    }

    /// Security review, findings 2 and 3: `embed.html?secretScope=all&options=none` hid
    /// the scope control and its warning, and `?stylesheet=` loaded any stylesheet.
    #[test]
    fn the_address_fills_the_form_and_sets_the_look_but_hides_and_loads_nothing() {
        let (settings, warnings) = read(
            [
                ("fromUrl", ""),
                ("options", "kms-keys"),
                ("headingLevel", "1"),
            ],
            [
                ("account", "123456789012"),
                ("secret-scope", "all"),
                ("kmsKeys", "1234abcd-12ab-34cd-56ef-1234567890ab"),
                ("options", "none"),
                ("documents", "task-role-trust-policy"),
                ("exports", "none"),
                ("stylesheet", "https://evil.example/x.css"),
                ("from-url", ""),
                ("theme", "dark"),
                ("compact", "true"),
                ("heading-level", "3"),
            ],
        );
        assert_eq!(settings.initial.request().account, "123456789012");
        assert_eq!(settings.initial.request().secret_scope, SecretScope::All);
        assert_eq!(
            settings.initial.request().kms_keys,
            ["1234abcd-12ab-34cd-56ef-1234567890ab"]
        );
        assert_eq!(settings.view.theme, Theme::Dark);
        assert!(settings.view.compact);
        assert_eq!(settings.view.heading_level.title_tag(), "h3");
        // What the element chose to show holds; the address hides and loads nothing.
        assert_eq!(settings.view.controls, [Control::KmsKeys]);
        assert_eq!(settings.view.documents, View::default().documents);
        assert_eq!(settings.view.exports, EXPORT_FORMATS);
        assert_eq!(settings.stylesheet, None);
        let refused: Vec<&str> = warnings
            .iter()
            .filter(|w| w.contains("in the page's address was ignored"))
            .map(|w| w.split(' ').nth(1).unwrap_or_default())
            .collect();
        assert_eq!(
            refused,
            [
                "data-options",
                "data-documents",
                "data-exports",
                "data-stylesheet",
                "data-from-url"
            ]
        );
        assert_eq!(warnings.len(), refused.len(), "{warnings:?}");
    }

    #[test]
    fn only_an_element_that_asks_for_it_reads_the_address() {
        assert!(wants_address([("fromUrl", "")].into_iter()));
        assert!(!wants_address([("region", "eu-west-1")].into_iter()));
    }

    #[test]
    fn address_names_are_read_in_either_spelling() {
        for name in ["secretPrefix", "secret-prefix"] {
            let (settings, warnings) = read([], [(name, "prod/")]);
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(settings.initial.request().secret_prefix, "prod/");
        }
        let (_, warnings) = read([], [("colour", "red")]);
        assert!(warnings[0].contains("data-colour (colour) is not a setting"));
    }

    /// Security review, finding 6: inside someone else's page, "nothing you type is sent
    /// anywhere" is not the whole truth.
    #[test]
    fn a_widget_says_the_host_page_can_read_it_and_the_iframe_page_does_not() {
        let (widget, _) = read_pairs(&[("region", "eu-west-1")]);
        assert_eq!(widget.view.surroundings, Surroundings::HostPage);
        assert!(
            widget
                .view
                .surroundings
                .privacy_note()
                .contains("can be read by the page's own scripts")
        );
        let (iframe_page, _) = read_pairs(&[("fromUrl", "")]);
        assert_eq!(iframe_page.view.surroundings, Surroundings::OwnPage);
        // The address cannot claim the builder has a page of its own.
        let (linked, _) = read([], [("fromUrl", "")]);
        assert_eq!(linked.view.surroundings, Surroundings::HostPage);
    }
}
