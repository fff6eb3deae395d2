// One identity policy and one request through @cloud-copilot/iam-simulate, for the oracle
// tests. The role is in the resource's own partition and account: across accounts an
// identity policy alone never allows (the resource's own policy must too).
import { runSimulation } from '@cloud-copilot/iam-simulate';

/** "Allowed", "ImplicitlyDenied", "ExplicitlyDenied", or "error: …" for a request it refuses. */
export async function simulate({ policy, action, resource }) {
  const [, partition, , , account] = resource.split(':');
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'policy', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        principal: `arn:${partition}:iam::${account}:role/agent-execution`,
        action,
        resource: { resource, accountId: account },
        contextVariables: {},
      },
    },
    {},
  );
  if (response.resultType === 'error') return `error: ${JSON.stringify(response.errors)}`;
  return response.overallResult;
}
