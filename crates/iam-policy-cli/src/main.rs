//! `iam-policy-builder`: the core's `build` on the command line. A request as JSON on
//! stdin (or as flags) in, the response as JSON on stdout out.

use iam_policy_core::{Format, Request, SecretScope, build, export, split_secret_list};
use std::io::{self, Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
iam-policy-builder — the IAM policies the Matillion agent (Maia runner) needs on ECS Fargate

Usage:
  iam-policy-builder < request.json
  iam-policy-builder --account 123456789012 --region eu-west-1 --secret matillion/agent

With no request options it reads one JSON request on standard input, for example
  {\"account\": \"123456789012\", \"region\": \"eu-west-1\",
   \"secrets\": [\"matillion/agent\"], \"allSecrets\": false}
and prints the response: {\"documents\": [...], \"problems\": [...]}. Each document has
an id (task-role-trust-policy, execution-role-secrets-policy), the IAM JSON under
\"policy\", and the console steps that put it in place. Each problem names its field, a
severity (error, warning, info), a stable code and a message.

Request options (when any is given, standard input is not read):
  --account ID           the 12-digit AWS account ID (dashes and spaces are fine)
  --region CODE          the region the agent runs in, e.g. eu-west-1
  --secret NAME_OR_ARN   a secret name, ARN or ECS valueFrom; repeat it, or separate
                         several with commas
  --all-secrets          allow every secret (\"Resource\": \"*\") instead of a list
  --secret-scope SCOPE   listed (default), prefix, region or all
  --secret-prefix TEXT   the name prefix for --secret-scope prefix, e.g. prod/
  --no-ec2-principal     trust ECS tasks only (EC2 is needed only when the role is
                         also an EC2 instance profile)
  --source-conditions    add aws:SourceAccount / aws:SourceArn conditions for ECS
  --kms-key KEY          a customer managed KMS key ID or ARN (repeatable)
  --parameter NAME       a Parameter Store name or ARN (repeatable)
  --task-role-policy     also build the task role's permissions policy
  --runtime-secret NAME  a secret pipelines read at run time (repeatable)
  --staging-bucket NAME  an S3 staging bucket, s3:// URL or ARN (repeatable)

Output options:
  --format FORMAT        json (default: the response), aws-cli (a bash script),
                         cloudformation (YAML), cloudformation-json, terraform, cdk
                         (TypeScript); every format covers both roles
  --compact              print the JSON response on one line
  -h, --help             print this help
  -V, --version          print the version

Exit status:
  0  no problem of severity error
  1  at least one error problem (the response is still printed)
  2  unusable input: not JSON, a field of the wrong type, an unknown option
";

/// Standard input beyond this is not a request anyone meant to send.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

enum Source {
    Stdin,
    Flags(Request),
}

struct Options {
    source: Source,
    compact: bool,
    format: Format,
}

enum Parsed {
    Run(Options),
    Print(&'static str),
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut request = Request::default();
    let mut from_flags = false;
    let mut compact = false;
    let mut format = Format::Json;
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
            "-h" | "--help" => return Ok(Parsed::Print(HELP)),
            "-V" | "--version" => {
                return Ok(Parsed::Print(concat!(
                    "iam-policy-builder ",
                    env!("CARGO_PKG_VERSION"),
                    "\n"
                )));
            }
            "--account" => request.account = value("--account")?,
            "--region" => request.region = value("--region")?,
            "--secret" => request
                .secrets
                .extend(split_secret_list(&value("--secret")?)),
            "--all-secrets" => request.all_secrets = true,
            "--secret-scope" => {
                request.secret_scope = match value("--secret-scope")?.as_str() {
                    "listed" => SecretScope::Listed,
                    "prefix" => SecretScope::Prefix,
                    "region" => SecretScope::Region,
                    "all" => SecretScope::All,
                    other => {
                        return Err(format!(
                            "--secret-scope must be listed, prefix, region or all — got “{other}”"
                        ));
                    }
                }
            }
            "--secret-prefix" => request.secret_prefix = value("--secret-prefix")?,
            "--no-ec2-principal" => request.ec2_principal = false,
            "--source-conditions" => request.source_conditions = true,
            "--kms-key" => request
                .kms_keys
                .extend(split_secret_list(&value("--kms-key")?)),
            "--parameter" => request
                .parameters
                .extend(split_secret_list(&value("--parameter")?)),
            "--task-role-policy" => request.task_role_policy = true,
            "--runtime-secret" => request
                .runtime_secrets
                .extend(split_secret_list(&value("--runtime-secret")?)),
            "--staging-bucket" => request
                .staging_buckets
                .extend(split_secret_list(&value("--staging-bucket")?)),
            "--compact" => {
                compact = true;
                continue;
            }
            "--format" => {
                format = value("--format")?
                    .parse()
                    .map_err(|e| format!("--format: {e}"))?;
                continue;
            }
            other => return Err(format!("unknown option “{other}” (see --help)")),
        }
        from_flags = true;
    }
    Ok(Parsed::Run(Options {
        source: if from_flags {
            Source::Flags(request)
        } else {
            Source::Stdin
        },
        compact,
        format,
    }))
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
        Source::Flags(request) => request,
        Source::Stdin => read_request(io::stdin().lock())?,
    };
    let response = build(&request);
    if options.format != Format::Json {
        write_stdout(export(&response, options.format).text.as_bytes());
        return Ok(!response.has_errors());
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
            let _ = writeln!(io::stderr(), "iam-policy-builder: {reason}");
            ExitCode::from(2)
        }
    }
}
