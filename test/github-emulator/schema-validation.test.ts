import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { loadSpec, SchemaViolationError, startGitHubEmulator } from '../support/github-emulator/index.js';
import { toJsonSchema } from '../support/github-emulator/openapi-spec.js';
import { api } from './api-client.js';

describe('schema validation', () => {
  it('catches a deployment whose id is a string: close() throws naming the operation', async () => {
    const emulator = await startGitHubEmulator();
    const deployment = emulator.seedDeployment({ environment: 'production', ref: 'main' });
    emulator.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}/deployments/{deployment_id}',
      fault: { mutateBody: (body) => ({ ...(body as object), id: String(deployment.id) }) },
    });
    const octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
    await octokit.rest.repos.getDeployment({
      owner: emulator.owner,
      repo: emulator.repo,
      deployment_id: deployment.id,
    });
    expect(emulator.schemaViolations).toEqual([
      expect.objectContaining({
        operationId: 'repos/get-deployment',
        status: 200,
        errors: [expect.objectContaining({ instancePath: '/id', message: 'must be integer' })],
      }),
    ]);
    expect(() => emulator.assertNoSchemaViolations()).toThrow(SchemaViolationError);
    const closing = emulator.close();
    await expect(closing).rejects.toThrow(SchemaViolationError);
    await expect(closing).rejects.toThrow(
      /repos\/get-deployment: GET \/repos\/octo-org\/shipgate-demo\/deployments\/\d+ → 200[\s\S]*\/id must be integer/,
    );
  });

  it('catches a missing required field and a wrong nested type in a list', async () => {
    const emulator = await startGitHubEmulator();
    emulator.seedIssue({ title: 'gate' });
    emulator.seedComment({ issueNumber: 1, user: 'alice', body: 'hi' });
    emulator.inject({
      path: '/repos/octo-org/shipgate-demo/issues/1/comments',
      fault: {
        mutateBody: (body) =>
          (body as Array<Record<string, unknown>>).map(({ node_id: _drop, ...rest }) => ({
            ...rest,
            user: { login: 42 },
          })),
      },
    });
    await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/issues/1/comments');
    const errors = emulator.schemaViolations[0]?.errors.map((e) => `${e.instancePath} ${e.message ?? ''}`) ?? [];
    expect(emulator.schemaViolations[0]?.operationId).toBe('issues/list-comments');
    expect(errors).toEqual(
      expect.arrayContaining(["/0 must have required property 'node_id'", '/0/user/login must be string']),
    );
    await expect(emulator.close()).rejects.toThrow(/issues\/list-comments/);
  });

  it('flags a success status the operation does not document', async () => {
    const emulator = await startGitHubEmulator();
    emulator.inject({ path: '/repos/octo-org/shipgate-demo/deployments', method: 'GET', fault: { status: 202 } });
    await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments');
    await expect(emulator.close()).rejects.toThrow(
      /repos\/list-deployments[\s\S]*status 202 is not a documented response/,
    );
  });

  it('checks undocumented error statuses against GitHub basic-error shape', async () => {
    const emulator = await startGitHubEmulator();
    emulator.inject({ path: '/repos/octo-org/shipgate-demo/deployments', fault: { status: 502 } });
    await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments');
    expect(emulator.schemaViolations).toEqual([]);
    // checks/get documents no 404: its error body is held to basic-error, where `message` is a string.
    emulator.inject({
      path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      fault: { mutateBody: (body) => ({ ...(body as object), message: 404 }) },
    });
    expect((await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/check-runs/999')).status).toBe(404);
    expect(emulator.schemaViolations).toEqual([expect.objectContaining({ operationId: 'checks/get', status: 404 })]);
    await expect(emulator.close()).rejects.toThrow(SchemaViolationError);
  });

  it('loads the description once per process', () => {
    const first = loadSpec();
    expect(loadSpec()).toBe(first);
    expect(first.loadMs).toBeGreaterThan(0);
    console.log(`GitHub OpenAPI description loaded in ${first.loadMs.toFixed(0)} ms`);
  });
});

describe('toJsonSchema', () => {
  it('turns nullable into a null type, adds null to enums, and wraps untyped schemas in anyOf', () => {
    expect(toJsonSchema({ type: 'string', nullable: true }, false)).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true }, false)).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/x' }], nullable: true }, true)).toEqual({
      anyOf: [
        { type: 'null' },
        { allOf: [{ $ref: 'https://shipgate.test/github/api.github.com.json#/components/schemas/x' }] },
      ],
    });
    expect(toJsonSchema({ oneOf: [{ type: 'object' }], discriminator: { propertyName: 'kind' } }, false)).toEqual({
      anyOf: [{ type: 'object' }],
      discriminator: { propertyName: 'kind' },
    });
  });
});
