//! `build()` for 1, 100 and 1,000 secret names: what every keystroke costs the page.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iam_policy_core::{Request, build};
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

criterion_group!(benches, builds);
criterion_main!(benches);
