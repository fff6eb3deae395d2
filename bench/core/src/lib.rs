//! Inputs the bench and the profile share.

/// A pasted secrets policy of `statements` statements in the shape people write (one
/// suffix-less or misspelt ARN each, none naming the bench's secrets), or nothing for 0.
/// At 70 statements it is just under IAM's largest inline-policy quota (10,240 characters).
pub fn pasted_policy(statements: usize) -> String {
    if statements == 0 {
        return String::new();
    }
    let statement = |i: usize| {
        format!(
            r#"{{"Sid":"Read{i}","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:team/x{i}"}}"#
        )
    };
    let statements: Vec<String> = (0..statements).map(statement).collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

/// The ECS console's `ResourceInitializationError … AccessDeniedException` as people paste
/// it, padded with the task's other text (its stopped-reason line repeated) to `bytes`.
pub fn ecs_error_text(bytes: usize) -> String {
    let error = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/3f1c2e4a5b6d7e8f9a0b1c2d3e4f5a6b is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action\n";
    let padding = "Stopped reason: Task failed to start\n";
    let mut text = String::from(error);
    while text.len() + padding.len() <= bytes {
        text.push_str(padding);
    }
    text
}
