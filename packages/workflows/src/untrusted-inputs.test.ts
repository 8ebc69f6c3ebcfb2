import { describe, expect, it } from 'vitest';
import { untrustedUses } from './untrusted-inputs.js';

const paths = (expression: string, env?: ReadonlyMap<string, string>) =>
  untrustedUses(expression, env).map((use) => use.path);

describe('untrustedUses', () => {
  it('finds untrusted inputs however they are written', () => {
    expect(paths('github.event.issue.title')).toEqual(['github.event.issue.title']);
    expect(paths("github.event['pull_request']['body']")).toEqual(['github.event.pull_request.body']);
    expect(paths('github.event.commits[0].message')).toEqual(['github.event.commits.*.message']);
    expect(paths('github.event.pages.*.page_name')).toEqual(['github.event.pages.*.page_name']);
    expect(paths('GitHub.Head_Ref')).toEqual(['github.head_ref']);
  });

  it('follows values through the operators and functions that return them', () => {
    expect(paths("github.event.issue.title || 'untitled'")).toEqual(['github.event.issue.title']);
    expect(paths("format('{0}!', github.event.comment.body)")).toEqual(['github.event.comment.body']);
    expect(paths("join(github.event.commits.*.author.name, ', ')")).toEqual(['github.event.commits.*.author.name']);
    expect(paths('toJSON(github.event)')).toEqual(['github.event']);
  });

  it('ignores values that only decide a boolean, and values nobody outside controls', () => {
    expect(paths("contains(github.event.issue.title, 'bug')")).toEqual([]);
    expect(paths("github.event.issue.title == 'x'")).toEqual([]);
    expect(paths('!github.event.issue.body')).toEqual([]);
    expect(paths('github.event.issue.number')).toEqual([]);
    expect(paths('github.event.pull_request.head.sha')).toEqual([]);
    expect(paths('github.event.issue')).toEqual([]); // an object expands to no text outside toJSON
    expect(paths('secrets.TOKEN')).toEqual([]);
  });

  it('follows environment variables set from untrusted input', () => {
    const env = new Map([['title', 'github.event.issue.title']]);
    expect(untrustedUses('env.TITLE', env)).toEqual([{ path: 'env.title', source: 'github.event.issue.title' }]);
    expect(untrustedUses('env.OTHER', env)).toEqual([]);
  });

  it('reads an expression that does not parse as text', () => {
    expect(paths('github.event.issue.title +')).toEqual(['github.event.issue.title']);
  });
});
