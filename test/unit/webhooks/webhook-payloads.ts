/**
 * Webhook payloads for tests, trimmed from the examples in octokit/webhooks (`payload-examples/api.github.com`,
 * the same data as the `@octokit/webhooks-examples` package, which is not installed here). Fields Perfbot does not
 * read are partly kept, to show they are tolerated. Each builder returns a fresh object to modify.
 */

const USER = {
  login: 'Codertocat',
  id: 21031067,
  node_id: 'MDQ6VXNlcjIxMDMxMDY3',
  avatar_url: 'https://avatars1.githubusercontent.com/u/21031067?v=4',
  html_url: 'https://github.com/Codertocat',
  type: 'User',
  site_admin: false,
};

const REPOSITORY = {
  id: 186853002,
  node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
  name: 'Hello-World',
  full_name: 'Codertocat/Hello-World',
  private: false,
  owner: { ...USER },
  html_url: 'https://github.com/Codertocat/Hello-World',
  fork: false,
  clone_url: 'https://github.com/Codertocat/Hello-World.git',
  ssh_url: 'git@github.com:Codertocat/Hello-World.git',
  default_branch: 'master',
  visibility: 'public',
};

const INSTALLATION = { id: 2311213, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMjMxMTIxMw==' };

const ISSUE = {
  url: 'https://api.github.com/repos/Codertocat/Hello-World/issues/1',
  html_url: 'https://github.com/Codertocat/Hello-World/issues/1',
  id: 444500041,
  node_id: 'MDU6SXNzdWU0NDQ1MDAwNDE=',
  number: 1,
  title: 'Spelling error in the README file',
  user: { ...USER },
  labels: [{ id: 1362934389, name: 'bug', color: 'd73a4a', default: true }],
  state: 'open',
  locked: false,
  author_association: 'OWNER',
  body: "It looks like you accidently spelled 'commit' with two 't's.",
};

/** `issue_comment.created`; `onPull` adds `issue.pull_request` as GitHub does for pull request comments. */
export function issueCommentPayload(body: string, options: { onPull?: boolean } = {}) {
  const issue =
    options.onPull === false
      ? { ...ISSUE }
      : {
          ...ISSUE,
          number: 2,
          html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
          pull_request: {
            url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/2',
            html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
            diff_url: 'https://github.com/Codertocat/Hello-World/pull/2.diff',
            patch_url: 'https://github.com/Codertocat/Hello-World/pull/2.patch',
            merged_at: null,
          },
        };
  return {
    action: 'created',
    issue,
    comment: {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/issues/comments/492700400',
      html_url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400',
      id: 492700400,
      node_id: 'MDEyOklzc3VlQ29tbWVudDQ5MjcwMDQwMA==',
      user: { ...USER },
      created_at: '2019-05-15T15:20:21Z',
      updated_at: '2019-05-15T15:20:21Z',
      author_association: 'OWNER',
      performed_via_github_app: null,
      body,
    },
    repository: { ...REPOSITORY, owner: { ...USER } },
    sender: { ...USER },
    installation: { ...INSTALLATION },
  };
}

/** `pull_request.labeled` for pull request #2, labeled by Codertocat. */
export function pullRequestLabeledPayload(label: string) {
  return {
    action: 'labeled',
    number: 2,
    pull_request: {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/2',
      id: 279147437,
      node_id: 'MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3',
      html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
      number: 2,
      state: 'open',
      locked: false,
      title: 'Update the README with new information.',
      user: { ...USER },
      body: 'This is a pretty simple change that we need to pull into master.',
      labels: [{ id: 1362934389, name: label, color: 'd73a4a', default: false }],
      head: {
        label: 'Codertocat:changes',
        ref: 'changes',
        sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        user: { ...USER },
        repo: { ...REPOSITORY, owner: { ...USER } },
      },
      base: {
        label: 'Codertocat:master',
        ref: 'master',
        sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        user: { ...USER },
        repo: { ...REPOSITORY, owner: { ...USER } },
      },
      author_association: 'OWNER',
      draft: false,
      merged: false,
    },
    label: { id: 1362934389, node_id: 'MDU6TGFiZWwxMzYyOTM0Mzg5', name: label, color: 'd73a4a', default: false },
    repository: { ...REPOSITORY, owner: { ...USER } },
    sender: { ...USER },
    installation: { ...INSTALLATION },
  };
}

/** `issues.labeled` for issue #1, labeled by Codertocat. */
export function issuesLabeledPayload(label: string) {
  return {
    action: 'labeled',
    issue: { ...ISSUE, labels: [{ id: 1362934389, name: label, color: 'd73a4a', default: false }] },
    label: { id: 1362934389, node_id: 'MDU6TGFiZWwxMzYyOTM0Mzg5', name: label, color: 'd73a4a', default: false },
    repository: { ...REPOSITORY, owner: { ...USER } },
    sender: { ...USER },
    installation: { ...INSTALLATION },
  };
}
