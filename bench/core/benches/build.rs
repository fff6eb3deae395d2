//! `build()` for 1, 100 and 1,000 secret names: what every keystroke costs the page; the
//! same 1,000 against a pasted secrets policy at IAM's size quota, the heaviest check; and
//! the two readers on their largest ordinary input.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iam_policy_core::read::{ecs_error, existing};
use iam_policy_core::{Request, build};
use iam_policy_core_bench::{ecs_error_text, pasted_policy};
use std::hint::black_box;

fn request(secrets: usize) -> Request {
    Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: (0..secrets).map(|i| format!("matillion/pipeline-{i:04}")).collect(),
        ..Request::default()
    }
}

fn builds(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    for secrets in [1, 100, 1_000] {
        let request = request(secrets);
        group.bench_with_input(BenchmarkId::from_parameter(secrets), &request, |b, request| {
            b.iter(|| build(black_box(request)));
        });
    }
    group.finish();
}

fn checks(c: &mut Criterion) {
    let request = Request {
        existing_secrets_policy: pasted_policy(66),
        ..request(1_000)
    };
    c.bench_function("check/1000-at-quota", |b| b.iter(|| build(black_box(&request))));
}

fn readers(c: &mut Criterion) {
    let policy = pasted_policy(66);
    c.bench_function("read/policy", |b| b.iter(|| existing::read(black_box(&policy))));
    let error = ecs_error_text(4_096);
    c.bench_function("read/ecs-error", |b| b.iter(|| ecs_error::diagnose(black_box(&error))));
}

criterion_group!(benches, builds, checks, readers);
criterion_main!(benches);
