// Posts the roadmap diff on a pull request as ONE comment, updated in place on every push: the comment is found
// by the marker `roadmap diff --format markdown` starts with. Called from action.yml through
// actions/github-script, which passes its authenticated Octokit client and the event context.
'use strict';

const marker = '<!-- markdown-roadmap:diff -->';
/** GitHub refuses comment bodies above 65,536 characters. */
const maxBody = 65000;

/**
 * @param {{ github: any, context: any, body: string }} options
 * @returns {Promise<{ action: 'created' | 'updated' | 'skipped', id?: number }>}
 */
async function updateComment({ github, context, body }) {
  const issue_number = context.payload.pull_request?.number ?? context.issue?.number;
  if (!issue_number) return { action: 'skipped' };
  const { owner, repo } = context.repo;
  let text = body.startsWith(marker) ? body : `${marker}\n${body}`;
  if (text.length > maxBody)
    text = `${text.slice(0, maxBody)}\n\n_The diff is too long for one comment; run \`roadmap diff\` locally for all of it._\n`;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number,
    per_page: 100,
  });
  const previous = comments.find(
    (comment) =>
      comment.user?.type === 'Bot' && typeof comment.body === 'string' && comment.body.startsWith(marker),
  );
  // A pull request that does not touch the roadmap gets no new comment; an old one is updated to say so.
  if (!previous && text.includes('**no roadmap changes**')) return { action: 'skipped' };
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body: text });
    return { action: 'updated', id: previous.id };
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number, body: text });
  return { action: 'created', id: created.data.id };
}

module.exports = { updateComment, marker };
