//! `iam-policy-builder`: the core's `build` on the command line. A request as JSON on
//! stdin (or as flags) in, the response as JSON on stdout out.

use iam_policy_core::export::{Scope, export_documents};
use iam_policy_core::input::fields::{FIELDS, FILE_VALUE, Kind};
use iam_policy_core::{DocumentId, Format, Request, SecretScope, build};
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// The width a help line is wrapped at: an 80-column terminal's, less a margin.
const HELP_WIDTH: usize = 79;

/// The help: what the CLI reads and prints, every request flag from the core's field
/// table, the output options and the exit status. Options sit in one column as wide as
/// the longest, and every description wraps under itself.
fn help() -> String {
    let documents: Vec<&str> = DocumentId::ALL.iter().map(|d| d.as_str()).collect();
    let mut out = String::from(
        "\
iam-policy-builder — the IAM policies the Matillion agent (Maia runner) needs on ECS Fargate

Usage:
  iam-policy-builder < request.json
  iam-policy-builder --account 123456789012 --region eu-west-1 \\
      --secret matillion/agent

With no request options it reads one JSON request on standard input, for example
  {\"account\": \"123456789012\", \"region\": \"eu-west-1\",
   \"secrets\": [\"matillion/agent\"]}
and prints the response:
  {\"documents\": [...], \"problems\": [...], \"target\": {...}}
",
    );
    out.push_str(&wrapped(
        &format!(
            "Each document has an id ({}), the IAM JSON under \"policy\", and the console steps that put it in place. Each problem names its field, a severity (error, warning, info), a stable code and a message; \"target\" is the partition, region and account the documents are for.",
            documents.join(", ")
        ),
        0,
    ));
    out.push_str("\nRequest options (when any is given, standard input is not read):\n");
    let mut request: Vec<(String, String)> = FIELDS
        .iter()
        .map(|def| {
            let flag = match def.kind() {
                Kind::Switch => format!("--{}", def.flag),
                _ => format!("--{} {}", def.flag, def.value_name),
            };
            (flag, def.flag_help())
        })
        .collect();
    request.push((
        LEGACY_ALL_SECRETS.to_owned(),
        "the same as --secret-scope all (older requests' allSecrets)".to_owned(),
    ));
    let output = [
        (
            "--format FORMAT".to_owned(),
            format!(
                "{} (json, the default, is the response; every other format covers the roles of --documents)",
                Format::ALL.map(Format::id).join(", ")
            ),
        ),
        (
            "--documents LIST".to_owned(),
            format!(
                "the documents an export covers, separated by commas or spaces: {} (default all). Only their roles are created or attached to; json is still the whole response",
                documents.join(", ")
            ),
        ),
        (
            "--compact".to_owned(),
            "print the JSON response on one line".to_owned(),
        ),
        (
            "--regions".to_owned(),
            "print the regions the builder knows, as JSON, and exit".to_owned(),
        ),
        ("-h, --help".to_owned(), "print this help".to_owned()),
        ("-V, --version".to_owned(), "print the version".to_owned()),
    ];
    // Two spaces after the longest option, so no name runs into its description.
    let column = request
        .iter()
        .chain(&output)
        .map(|(flag, _)| flag.chars().count())
        .max()
        .unwrap_or(0)
        + 4;
    for (flag, description) in &request {
        out.push_str(&option(flag, description, column));
    }
    out.push_str("\nOutput options:\n");
    for (flag, description) in &output {
        out.push_str(&option(flag, description, column));
    }
    out.push_str(
        "
Exit status:
  0  no problem of severity error
  1  at least one error problem (the response or export is still printed; for an
     export, only problems about the documents it covers count)
  2  unusable input: not JSON, a field of the wrong type, an unknown option
",
    );
    out
}

/// `  --flag VALUE    description…`, the description wrapped under itself.
fn option(flag: &str, description: &str, column: usize) -> String {
    let text = wrapped(description, column);
    let padding = column.saturating_sub(2 + flag.chars().count());
    format!("  {flag}{}{}", " ".repeat(padding), text.trim_start())
}

/// `text` in lines of at most [`HELP_WIDTH`] characters, each indented by `indent`,
/// broken at spaces (a word longer than a line stands alone).
fn wrapped(text: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let length = line.chars().count();
        if length > 0 && indent + length + 1 + word.chars().count() > HELP_WIDTH {
            out.push_str(&format!("{}{line}\n", " ".repeat(indent)));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("{}{line}\n", " ".repeat(indent)));
    }
    out
}

/// Every region the builder knows, with its partition and that partition's DNS suffix:
/// what tests/oracles/regions.py compares with botocore's partitions.json.
fn regions_json() -> String {
    let regions: Vec<serde_json::Value> = iam_policy_core::aws::region::REGIONS
        .iter()
        .filter_map(|info| {
            let region = iam_policy_core::aws::region::Region::lookup(info.code)?;
            Some(serde_json::json!({
                "code": info.code,
                "partition": info.partition,
                "dnsSuffix": region.partition().dns_suffix,
                "name": info.name,
                "optIn": info.opt_in,
            }))
        })
        .collect();
    serde_json::to_string_pretty(&regions).unwrap_or_default() + "\n"
}

/// Kept for scripts written before `--secret-scope`.
const LEGACY_ALL_SECRETS: &str = "--all-secrets";

/// Standard input beyond this is not a request anyone meant to send.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

enum Source {
    Stdin,
    Flags(Box<Request>),
}

struct Options {
    source: Source,
    compact: bool,
    format: Format,
    scope: Scope,
}

enum Parsed {
    Run(Options),
    Print(String),
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut request = Request::default();
    let mut from_flags = false;
    let mut stdin_read_by: Option<String> = None;
    let mut compact = false;
    let mut format = Format::Json;
    let mut scope = Scope::ALL;
    let mut seen: Vec<&str> = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        // `--name=value` and `--name value` are both accepted.
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Parsed::Print(help())),
            "-V" | "--version" => {
                return Ok(Parsed::Print(
                    concat!("iam-policy-builder ", env!("CARGO_PKG_VERSION"), "\n").to_owned(),
                ));
            }
            "--compact" => compact = true,
            "--regions" => return Ok(Parsed::Print(regions_json())),
            "--format" => {
                format = value("--format")?
                    .parse()
                    .map_err(|e| format!("--format: {e}"))?;
            }
            "--documents" => {
                scope = Scope::parse(&value("--documents")?)
                    .map_err(|e| format!("--documents: {e}"))?;
            }
            LEGACY_ALL_SECRETS => {
                request.secret_scope = SecretScope::All;
                from_flags = true;
            }
            flag => {
                let def = flag
                    .strip_prefix("--")
                    .and_then(|flag| FIELDS.iter().find(|def| def.flag == flag))
                    .ok_or_else(|| format!("unknown option “{flag}” (see --help)"))?;
                let text = if def.kind() == Kind::Switch {
                    if inline_value.is_some() {
                        return Err(format!("{flag} takes no value"));
                    }
                    // A switch's flag turns it from its default.
                    (def.default_text() != "true").to_string()
                } else if def.value_name == FILE_VALUE {
                    let path = value(flag)?;
                    read_file(flag, &path, &mut stdin_read_by)?
                } else {
                    value(flag)?
                };
                // A list flag's first entries replace the list's default; later ones join them.
                let first = !seen.contains(&def.name);
                seen.push(def.name);
                if first {
                    def.set(&mut request, &text)
                } else {
                    def.add(&mut request, &text)
                }
                .map_err(|takes| format!("{flag} must be {takes} — got “{text}”"))?;
                from_flags = true;
            }
        }
    }
    Ok(Parsed::Run(Options {
        source: if from_flags {
            Source::Flags(Box::new(request))
        } else {
            Source::Stdin
        },
        compact,
        format,
        scope,
    }))
}

/// A pasted policy for a `FILE` flag: the file's text, or standard input's for `-`.
fn read_file(flag: &str, path: &str, stdin_read_by: &mut Option<String>) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        if let Some(earlier) = stdin_read_by {
            return Err(format!(
                "{flag} -: standard input was already read by {earlier}; give one of them a file"
            ));
        }
        *stdin_read_by = Some(flag.to_owned());
        io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| format!("{flag}: could not read standard input: {error}"))?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|error| format!("{flag}: could not read {path}: {error}"))?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{flag}: {path} is larger than {} MiB",
            MAX_INPUT_BYTES / 1024 / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "{flag}: {path} is not UTF-8 text (byte {} is not): save it as UTF-8, as the console's editor copies it",
            error.utf8_error().valid_up_to() + 1
        )
    })
}

fn read_request(stdin: impl Read) -> Result<Request, String> {
    let mut bytes = Vec::new();
    stdin
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("could not read standard input: {error}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "the request is larger than {} MiB",
            MAX_INPUT_BYTES / 1024 / 1024
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("standard input is empty: pipe in a JSON request, or use --account, --region and --secret (see --help)".to_owned());
    }
    serde_json::from_slice(&bytes).map_err(|error| format!("the request is not valid: {error}"))
}

fn run() -> Result<bool, String> {
    let options = match parse_args(std::env::args().skip(1))? {
        Parsed::Print(text) => {
            write_stdout(text.as_bytes());
            return Ok(true);
        }
        Parsed::Run(options) => options,
    };
    let request = match options.source {
        Source::Flags(request) => *request,
        Source::Stdin => read_request(io::stdin().lock())?,
    };
    let response = build(&request);
    if options.format != Format::Json {
        // An export has no room for the diagnosis: its one sentence goes to stderr.
        if let Some(diagnosis) = &response.diagnosis {
            // Quoted from pasted text: escape sequences in it must not drive the terminal.
            let _ = writeln!(
                io::stderr(),
                "iam-policy-builder: {}",
                iam_policy_core::one_line(&diagnosis.message)
            );
        }
        let export = export_documents(&response, options.format, options.scope);
        write_stdout(export.text.as_bytes());
        // Errors about documents the export leaves out do not make it unusable.
        return Ok(export.not_ready.is_none());
    }
    let mut json = if options.compact {
        serde_json::to_vec(&response)
    } else {
        serde_json::to_vec_pretty(&response)
    }
    .map_err(|error| format!("could not write the response: {error}"))?;
    json.push(b'\n');
    write_stdout(&json);
    Ok(!response.has_errors())
}

/// Writes to stdout; a closed pipe (`| head`) is the reader's choice, not an error.
fn write_stdout(bytes: &[u8]) {
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(reason) => {
            // A reason may quote the request (serde names an unknown key): one safe line.
            let _ = writeln!(
                io::stderr(),
                "iam-policy-builder: {}",
                iam_policy_core::one_line(&reason)
            );
            ExitCode::from(2)
        }
    }
}
